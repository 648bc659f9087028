"""The prompts: jinja2 files shipped in the package (assistant/prompts/), one sandboxed
environment, typed contexts.

Templates are read through importlib.resources, so an installed wheel drafts as the
checkout does. Retrieved passages, last year's text and staff notes enter as variables,
so `{{ 7*7 }}` inside a source is printed, never run.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, Field

from ..errors import NianbaoError
from ..report.parts import DRAFT_SECTIONS

# The package's prompt folder; tests may pass another folder (any Path) instead.
PROMPTS_DIR: Traversable = resources.files("assistant") / "prompts"


class ContactLine(BaseModel):
    address: str | None = None
    phone: str | None = None
    postcode: str | None = None
    website: str | None = None


class FigureLine(BaseModel):
    key: str
    value: str
    description: str


class SourceLine(BaseModel):
    n: int
    label: str
    text: str


class SystemContext(BaseModel):
    agency: str
    short_name: str
    year: int
    previous_year: int


class RevisionContext(BaseModel):
    """Asking once more: the first draft (as the model wrote it) and the checks' findings."""

    year: int
    draft: str
    problems: list[str]


class ContinuationContext(BaseModel):
    """Asking to go on: what the model wrote before its output limit."""

    draft: str


class SectionContext(BaseModel):
    agency: str
    issuer_kind: str
    is_government: bool
    year: int
    previous_year: int
    figures: list[FigureLine] = Field(default_factory=list)
    sources: list[SourceLine] = Field(default_factory=list)
    notes: str | None = None


class IntroContext(SectionContext):
    contact: ContactLine = Field(default_factory=ContactLine)


class OverviewContext(SectionContext):
    sub_items: list[str]
    previous_headings: list[str] = Field(default_factory=list)


class RequestsContext(SectionContext):
    pass


class ReviewLitigationContext(SectionContext):
    pass


class ProblemsContext(SectionContext):
    previous_problems: str | None = None
    previous_listed: list[str] = Field(default_factory=list)  # last year's problems, one by one


class OtherContext(SectionContext):
    fee_charged: bool | None = None


CONTEXTS: dict[str, type[SectionContext]] = {
    "intro": IntroContext,
    "overview": OverviewContext,
    "requests": RequestsContext,
    "review_litigation": ReviewLitigationContext,
    "problems": ProblemsContext,
    "other": OtherContext,
}


class ResourceLoader(BaseLoader):
    """Templates from a folder inside the package (or any Traversable, e.g. a Path)."""

    def __init__(self, directory: Traversable):
        self.directory = directory

    def get_source(self, environment, template):
        entry = self.directory / template
        if "/" in template or "\\" in template or not entry.is_file():
            raise TemplateNotFound(template)
        return entry.read_text(encoding="utf-8"), None, lambda: True

    def list_templates(self):
        return sorted(e.name for e in self.directory.iterdir() if e.name.endswith(".j2"))


# Material (retrieved passages, last year's text, staff notes) is fenced between markers that
# carry a digest of the material itself, so no text inside can forge its own end marker; the
# bracket the markers use is neutralised inside, and the system prompt says that whatever
# stands between markers is material, not instructions.
FENCE_OPEN = "【材料{tag}开始：{label}】"
FENCE_CLOSE = "【材料{tag}结束】"


def fence(text: object, label: str = "") -> str:
    body = str(text or "").replace("【", "［").replace("】", "］")
    tag = hashlib.sha256(f"{label}\n{body}".encode("utf-8")).hexdigest()[:8]
    label = str(label).replace("【", "［").replace("】", "］")
    return f"{FENCE_OPEN.format(tag=tag, label=label)}\n{body}\n{FENCE_CLOSE.format(tag=tag)}"


@cache
def environment(directory: Traversable = PROMPTS_DIR) -> SandboxedEnvironment:
    env = _environment(directory)
    env.filters["fence"] = fence
    return env


def _environment(directory: Traversable) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=ResourceLoader(directory),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=False,
    )


def prompt_version(directory: Traversable = PROMPTS_DIR) -> str:
    """A short hash of every template file: drafts record which prompts made them."""
    digest = hashlib.sha256()
    try:
        files = sorted((e for e in directory.iterdir() if e.name.endswith(".j2")), key=lambda e: e.name)
    except OSError:
        files = []
    if not files:
        raise NianbaoError("找不到提示词模板目录或其中没有模板", file=str(directory))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def render(name: str, context: BaseModel, directory: Traversable = PROMPTS_DIR) -> str:
    template = environment(directory).get_template(f"{name}.j2")
    return template.render(**context.model_dump()).strip()


def render_messages(section: str, system: SystemContext, context: SectionContext,
                    directory: Traversable = PROMPTS_DIR) -> tuple[str, str]:
    if not isinstance(context, CONTEXTS[section]):
        raise TypeError(f"{section} needs {CONTEXTS[section].__name__}")
    return render("system", system, directory), render(section, context, directory)
