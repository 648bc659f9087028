"""Chat: time to the first token of an answer, with many signed-in users at once on loopback.

    .venv/bin/python benchmarks/bench_chat.py [--users 50] [--rounds 3] [--smoke]

The app runs as `uvicorn server:app` in its own process on a loopback port with a fresh SQLite
workspace; the model is a local OpenAI-protocol server that answers at once (the drafting
tests' server). Each user signs in, then `--rounds` times asks for a draft of 总体情况 and follows the answer's SSE
stream to its end (after one untimed answer: the first use loads the model client and
opens the index). Printed, in milliseconds: the first event of the answer (the request
recorded and its run started), the first token the model wrote, and the whole answer;
p50 / p95 / max, and the number of errors (a status other than 200, or an answer that did
not end 完成). Bounded: every request has a timeout and the run a deadline. Target: p95 of
the first model token ≤ 300 ms, 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import re
import socket
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from assistant.services import workspace as ws  # noqa: E402
from assistant.services import workspace_reports as reports  # noqa: E402
from assistant.settings import Settings  # noqa: E402

AGENCY = "演示区人民政府"
PASSWORD = "bench-password-123"
HEADER = "正在起草"  # the answer's first line, written before the model is asked


def model_server():
    path = ROOT / "tests" / "drafting" / "conftest.py"
    spec = importlib.util.spec_from_file_location("drafting_conftest_for_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    server = module.OpenAIServer().start()
    server.default = module.Script("2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，重点做好政策解读和平台建设。")
    return server


def percentiles(values: list[float]) -> str:
    if not values:
        return "no values"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f}  p95 {p95 * 1000:7.1f}  max {ordered[-1] * 1000:7.1f} ms"


def serve(home: str, model_url: str):
    """`uvicorn server:app` in its own process (the load script's work is not counted against it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NIANBAO_HOME": home, "NIANBAO_LLM_BASE_URL": model_url, "NIANBAO_LLM_MODEL": "fake",
           "NIANBAO_LLM_API_KEY": "k", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port",
                                str(port), "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise SystemExit("web server did not start")
        time.sleep(0.2)


async def sign_in(client: httpx.AsyncClient, name: str) -> str:
    form = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    await client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token, "next": "/"})
    home = await client.get("/")
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', home.text).group(1)


async def user(client: httpx.AsyncClient, csrf: str, report_id: int, rounds: int, figures: dict) -> None:
    for _ in range(rounds):
        started = time.perf_counter()
        try:
            asked = await client.post(f"/api/reports/{report_id}/chat", json={"text": "起草总体情况"},
                                      headers={"X-CSRF-Token": csrf})
            if asked.status_code != 200:
                figures["errors"] += 1
                continue
            text, first, first_model, status = "", None, None, None
            async with client.stream("GET", asked.json()["stream"]) as response:
                if response.status_code != 200:
                    figures["errors"] += 1
                    continue
                event = None
                async for line in response.aiter_lines():
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:") and event == "text":
                        now = time.perf_counter()
                        first = first or now
                        text += line[5:].removeprefix(" ")
                        if first_model is None and len(text) > len(HEADER) + 4 and "……" in text:
                            # past the header line: the model's own words
                            if text.split("……", 1)[1].strip():
                                first_model = now
                    elif line.startswith("data:") and event == "end":
                        status = "完成" if "完成" in line and "未完成" not in line else "未完成"
            ended = time.perf_counter()
        except httpx.HTTPError:
            figures["errors"] += 1
            continue
        if status != "完成" or first is None or first_model is None:
            figures["errors"] += 1
            continue
        figures["first"].append(first - started)
        figures["model"].append(first_model - started)
        figures["whole"].append(ended - started)


async def run(base: str, names: list[str], report_id: int, rounds: int, deadline: float) -> dict:
    figures: dict = {"first": [], "model": [], "whole": [], "errors": 0}
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in names]
    try:
        # everyone signs in first (argon2 is meant to be slow), then all ask at once
        tokens = await asyncio.wait_for(asyncio.gather(*(sign_in(c, n) for c, n in zip(clients, names))), deadline)
        await asyncio.wait_for(asyncio.gather(*(user(c, t, report_id, rounds, figures)
                                                for c, t in zip(clients, tokens))), deadline)
    finally:
        for c in clients:
            await c.aclose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--deadline", type=float, default=300.0, help="seconds for the whole run")
    parser.add_argument("--smoke", action="store_true", help="a few users, one round (the tests run it)")
    args = parser.parse_args()
    if args.smoke:
        args.users, args.rounds = 3, 1
    model = model_server()
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home), llm_base_url=model.base_url, llm_model="fake", llm_api_key="k")
        ws.init(settings, admin="admin", password=PASSWORD, agency=AGENCY)
        names = [f"staff{i:02d}" for i in range(args.users)]
        for name in names:
            ws.add_user(settings, "admin", name, roles=["起草人"], agencies=[AGENCY], password=PASSWORD)
        report = reports.create(settings, "admin", AGENCY, 2024)
        ws.close_stores()
        process, base = serve(home, model.base_url)
        try:
            # one answer before timing: the first use loads the model client and opens the index
            warm = asyncio.run(run(base, names[:1], report.id, 1, args.deadline))
            started = time.perf_counter()
            figures = asyncio.run(run(base, names, report.id, args.rounds, args.deadline))
            seconds = time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=20)
            model.stop()
    warm = warm["whole"][0] if warm["whole"] else float("nan")
    answers = len(figures["whole"])
    print(f"chat: {args.users} users × {args.rounds} rounds on loopback, {answers} answers in {seconds:.1f} s, "
          f"{figures['errors']} errors (web_max_jobs {Settings().web_max_jobs}; the untimed first answer took {warm:.1f} s)")
    print(f"first event of the answer   {percentiles(figures['first'])}")
    print(f"first token of the model    {percentiles(figures['model'])}")
    print(f"whole answer                {percentiles(figures['whole'])}")


if __name__ == "__main__":
    main()
