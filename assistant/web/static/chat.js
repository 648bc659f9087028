// The 对话 page: send a request, follow its answer as it is written (server-sent events).
// Every text from the server goes in with textContent, never as HTML; when an answer ends,
// its block is replaced by the server's own rendering (escaped there, with its citations).
(function () {
  "use strict";
  const chat = document.getElementById("chat");
  if (!chat) return;
  const report = chat.dataset.report;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const form = document.getElementById("chat-form");
  const status = document.getElementById("chat-status");

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  async function refresh(id) {
    const response = await fetch(location.pathname, { credentials: "same-origin" });
    if (!response.ok) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = doc.getElementById("m" + id);
    const old = document.getElementById("m" + id);
    if (fresh && old) old.replaceWith(document.importNode(fresh, true));
  }

  function follow(article) {
    const id = article.dataset.id;
    const body = article.querySelector(".text");
    const after = article.dataset.length || "0";
    const source = new EventSource(`/api/reports/${report}/chat/stream?message=${id}&after=${after}`);
    article.classList.add("streaming");
    source.addEventListener("text", (event) => {
      body.append(document.createTextNode(event.data));
      article.dataset.length = event.lastEventId;
    });
    source.addEventListener("end", () => {
      source.close();  // else the browser would reconnect and ask again
      article.classList.remove("streaming");
      refresh(id);
    });
  }

  document.querySelectorAll('#chat .msg.assistant[data-status="进行中"]').forEach(follow);

  // A passage chosen in a section's text: its offsets in code points, as the server counts.
  let chosen = null;
  document.querySelectorAll(".selectable").forEach((box) => {
    box.addEventListener("mouseup", () => {
      const sel = window.getSelection();
      if (!sel || sel.isCollapsed || !box.contains(sel.anchorNode) || !box.contains(sel.focusNode)) return;
      const range = sel.getRangeAt(0);
      const before = document.createRange();
      before.setStart(box, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const start = Array.from(before.toString()).length;
      const end = start + Array.from(range.toString()).length;
      chosen = { section: box.dataset.section, start, end };
      document.getElementById("chat-section").value = chosen.section;
      document.getElementById("chat-start").value = start;
      document.getElementById("chat-end").value = end;
      const note = document.getElementById("chat-selection");
      note.hidden = false;
      note.textContent = `将只改写选中的文字：「${range.toString().slice(0, 60)}」`;
    });
  });

  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = document.getElementById("chat-text").value.trim();
    if (!text) return;
    status.textContent = "正在发送……";
    const payload = { text };
    if (chosen) Object.assign(payload, chosen);
    let response;
    try {
      response = await fetch(`/api/reports/${report}/chat`, {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(payload),
      });
    } catch (error) {
      status.textContent = "发送失败：网络不通，请稍后重试";
      return;
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = "发送失败：" + ((data.error && data.error.message) || response.status);
      return;
    }
    status.textContent = "";
    document.getElementById("chat-text").value = "";
    const empty = document.getElementById("chat-empty");
    if (empty) empty.remove();
    const mine = el("article", "msg user");
    mine.append(el("header", "", "我"), el("div", "text", text));
    const answer = el("article", "msg assistant");
    answer.id = "m" + data.message;
    answer.dataset.id = data.message;
    answer.dataset.length = "0";
    answer.append(el("header", "", "年报助手"), el("div", "text", ""));
    chat.append(mine, answer);
    chosen = null;
    ["chat-section", "chat-start", "chat-end"].forEach((id) => { document.getElementById(id).value = ""; });
    document.getElementById("chat-selection").hidden = true;
    follow(answer);
  });
})();
