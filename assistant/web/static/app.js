// Cell editing on the report page: each change is saved through the JSON API with the
// session's CSRF token, and the validator's findings come back and are shown at once.
(function () {
  "use strict";
  var root = document.getElementById("report");
  if (!root || root.dataset.editable !== "true") return;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var status = document.getElementById("cell-status");
  var labels = { error: "错误", inconsistency: "数据不一致", warning: "警告", info: "提示" };

  function showFindings(findings) {
    var list = document.getElementById("findings");
    list.textContent = "";
    var byCell = {};
    findings.forEach(function (f) {
      var li = document.createElement("li");
      li.className = f.severity;
      var badge = document.createElement("span");
      badge.className = "badge " + f.severity;
      badge.textContent = labels[f.severity] || f.severity;
      li.appendChild(badge);
      li.appendChild(document.createTextNode(" " + f.message));
      list.appendChild(li);
      (f.cells || []).forEach(function (k) { (byCell[k] = byCell[k] || []).push(f.message); });
    });
    if (!findings.length) {
      var ok = document.createElement("li");
      ok.className = "ok";
      ok.textContent = "未发现问题";
      list.appendChild(ok);
    }
    root.querySelectorAll("td[data-cell]").forEach(function (td) {
      var messages = byCell[td.dataset.cell];
      td.classList.toggle("flagged", !!messages);
      if (messages) td.title = messages.join("；"); else td.removeAttribute("title");
    });
  }

  root.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList.contains("cell")) return;
    status.textContent = "正在保存…";
    fetch("/api/reports/" + root.dataset.report + "/cells", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ key: input.name, value: input.value, expected: input.dataset.was }),
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (!result.ok) {
        var e = result.body.error || {};
        status.textContent = "未保存：" + (e.message || "请求未能完成") + ((e.details || []).length ? "（" + e.details.join("；") + "）" : "");
        input.classList.add("refused");
        return;
      }
      input.value = result.body.value;
      input.dataset.was = result.body.value;
      input.classList.remove("refused");
      status.textContent = "已保存 " + input.name;
      showFindings(result.body.findings);
    }).catch(function () { status.textContent = "未保存：无法连接服务器"; });
  });
})();
