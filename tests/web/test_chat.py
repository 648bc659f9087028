"""The 对话 page and its stream, in process: asking, the SSE answer, resuming after a dropped
connection (Last-Event-ID), a real OpenAI-protocol server writing the draft, escaping."""

from __future__ import annotations

import pytest
from chat_model import DRAFT, SlowScript, drafting_fixtures, with_model
from office import XSS
from test_pages import csrf_of, signed_in

from assistant.services import workspace_review as review


def events(response):
    """Parse an SSE body: [(event, id, data)]."""
    out, event, ident, data = [], None, None, []
    for line in response.iter_lines():
        if line == "":
            if data or event:
                out.append((event or "message", ident, "\n".join(data)))
            event, ident, data = None, None, []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("id:"):
            ident = line[3:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].removeprefix(" "))
    return out


def ask(client, report_id, text, **extra):
    response = client.post(f"/api/reports/{report_id}/chat", json={"text": text, **extra},
                           headers={"X-CSRF-Token": csrf_of(client)})
    assert response.status_code == 200, response.text
    return response.json()


def stream(client, url, **headers):
    with client.stream("GET", url, headers=headers) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        return events(response)


def test_a_question_streams_and_ends_and_the_page_shows_it(office):
    client = signed_in(office["settings"], "drafter_a")
    asked = ask(client, office["a"], "表三有什么问题")
    got = stream(client, asked["stream"])
    assert got[-1][0] == "end" and '"status": "完成"' in got[-1][2]
    text = "".join(d for e, _, d in got if e == "text")
    assert "检查程序" in text
    assert int(got[-1][1]) == len(text)  # ids are the answer's length so far
    page = client.get(f"/reports/{office['a']}/chat")
    assert page.status_code == 200 and "表三有什么问题" in page.text and f'id="m{asked["message"]}"' in page.text


def test_a_reconnect_with_last_event_id_goes_on_where_it_stopped(office):
    client = signed_in(office["settings"], "drafter_a")
    asked = ask(client, office["a"], "起草总体情况")
    whole = stream(client, asked["stream"])
    full = "".join(d for e, _, d in whole if e == "text")
    cut = len(full) // 2
    resumed = stream(client, asked["stream"], **{"Last-Event-ID": str(cut)})
    rest = "".join(d for e, _, d in resumed if e == "text")
    assert full[:cut] + rest == full and rest  # nothing lost, nothing repeated
    after = stream(client, asked["stream"] + f"&after={cut}")  # a reloaded page says where it is
    assert "".join(d for e, _, d in after if e == "text") == rest


def test_chat_messages_are_escaped(office):
    client = signed_in(office["settings"], "drafter_a")
    asked = ask(client, office["a"], "表三" + XSS)
    stream(client, asked["stream"])
    page = client.get(f"/reports/{office['a']}/chat")
    assert XSS not in page.text and "表三&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_the_form_works_without_the_script_and_needs_the_csrf_token(office):
    client = signed_in(office["settings"], "drafter_a")
    url = f"/reports/{office['a']}/chat"
    assert client.post(url, data={"text": "表三有什么问题"}).status_code == 403
    sent = client.post(url, data={"text": "表三有什么问题", "csrf_token": csrf_of(client)})
    assert sent.status_code == 303 and sent.headers["location"].startswith(url + "#m")


def test_a_reviewer_of_another_agency_cannot_follow_an_answer(office):
    a = signed_in(office["settings"], "drafter_a")
    asked = ask(a, office["a"], "表三有什么问题")
    b = signed_in(office["settings"], "drafter_b")
    assert b.get(asked["stream"]).status_code == 404
    assert b.get(f"/api/reports/{office['b']}/chat/stream?message={asked['message']}").status_code == 404


@pytest.fixture
def model(office):
    fixtures = drafting_fixtures()
    server = fixtures.OpenAIServer().start()
    yield server, fixtures.Script, with_model(office["settings"], server)
    server.stop()


def test_a_model_draft_streams_through_and_lands_as_a_suggestion(office, model):
    server, script, settings = model
    server.push(SlowScript(script, DRAFT, 0.02))
    client = signed_in(settings, "drafter_a")
    asked = ask(client, office["a"], "起草总体情况，重点写政策解读和平台建设")
    got = stream(client, asked["stream"])
    texts = [d for e, _, d in got if e == "text"]
    assert len(texts) > 3  # it came in pieces, as the model wrote it
    answer = "".join(texts)
    assert DRAFT in answer and "大模型 test-model 起草" in answer and '"status": "完成"' in got[-1][2]
    prompt = str(server.requests[-1]["body"]["messages"])
    assert "政策解读和平台建设" in prompt  # the staff's request went to the model as their note
    pending = review.list_suggestions(settings, "drafter_a", str(office["a"]), section="overview")
    mine = [s for s in pending if s.source == "llm"]
    assert len(mine) == 1 and mine[0].new_text == DRAFT
    page = client.get(f"/reports/{office['a']}/chat")
    assert f"#s{mine[0].id}" in page.text


def test_a_cut_off_model_keeps_the_partial_answer_marked_incomplete(office, model):
    server, script, settings = model
    server.push(script(DRAFT, drop_after=3), script(DRAFT, drop_after=3))
    client = signed_in(settings, "drafter_a")
    asked = ask(client, office["a"], "起草总体情况")
    got = stream(client, asked["stream"])
    assert '"status": "未完成"' in got[-1][2]
    page = client.get(f"/reports/{office['a']}/chat")
    assert "未完成" in page.text and DRAFT[:12] in page.text


PASSAGE = "本机关认真贯彻《条例》。"  # the start of the office fixture's 总体情况


def test_a_selected_passage_is_rewritten_alone(office, model):
    server, script, settings = model
    server.push(script("本机关全面贯彻落实《条例》，工作扎实有效。"))
    client = signed_in(settings, "drafter_a")
    asked = ask(client, office["a"], "改得更具体一些", section="overview", start=0, end=len(PASSAGE))
    got = stream(client, asked["stream"])
    assert '"status": "完成"' in got[-1][2], got
    [sug] = [s for s in review.list_suggestions(settings, "drafter_a", str(office["a"]), section="overview")
             if s.source == "llm"]
    assert (sug.start, sug.end, sug.new_text) == (0, len(PASSAGE), "本机关全面贯彻落实《条例》，工作扎实有效。")
    prompt = str(server.requests[-1]["body"]["messages"])
    assert PASSAGE in prompt and "只输出改写后的这一段" in prompt


def test_without_a_model_a_passage_is_not_rewritten_by_the_template(office):
    client = signed_in(office["settings"], "drafter_a")
    before = review.list_suggestions(office["settings"], "drafter_a", str(office["a"]))
    asked = ask(client, office["a"], "改得更具体一些", section="overview", start=0, end=len(PASSAGE))
    got = stream(client, asked["stream"])
    text = "".join(d for e, _, d in got if e == "text")
    assert '"status": "未完成"' in got[-1][2] and "需要大模型" in text
    assert review.list_suggestions(office["settings"], "drafter_a", str(office["a"])) == before


def test_a_selection_outside_the_text_is_refused(office):
    client = signed_in(office["settings"], "drafter_a")
    response = client.post(f"/api/reports/{office['a']}/chat", json={"text": "改一下", "section": "overview",
                                                                      "start": 0, "end": 10_000},
                           headers={"X-CSRF-Token": csrf_of(client)})
    assert response.status_code == 422 and "选中的文字" in response.json()["error"]["message"]
