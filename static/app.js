// Outnumber's only script: live updates on top of pages that work without it.
// It listens to the signed-in member's event stream and shows what arrives.
(function () {
  "use strict";

  function toast(text, link, urgent) {
    var live = document.getElementById("live");
    if (!live) return;
    var item = document.createElement("div");
    item.className = "toast" + (urgent ? " urgent" : "");
    var anchor = document.createElement("a");
    anchor.href = link;
    anchor.textContent = text;
    item.appendChild(anchor);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "dismiss";
    close.setAttribute("aria-label", live.dataset.dismissLabel || "×");
    close.textContent = "×";
    close.addEventListener("click", function () { item.remove(); });
    item.appendChild(close);
    live.appendChild(item);
    setTimeout(function () { item.remove(); }, urgent ? 30000 : 8000);
  }

  function setUnread(count) {
    var badge = document.getElementById("unread");
    if (!badge) return;
    badge.dataset.count = String(count);
    badge.textContent = count > 0 ? String(count) : "";
  }

  function addToInbox(n) {
    var list = document.getElementById("inbox");
    if (!list) return;
    var empty = document.getElementById("inbox-empty");
    if (empty) empty.remove();
    var li = document.createElement("li");
    li.className = "unread" + (n.urgent ? " urgent" : "");
    var a = document.createElement("a");
    a.href = n.link;
    a.textContent = n.text;
    var time = document.createElement("time");
    time.dateTime = n.created_at;
    time.textContent = document.getElementById("live").dataset.newLabel || "";
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(time);
    list.insertBefore(li, list.firstChild);
  }

  function listen() {
    if (!document.body.dataset.live || !window.EventSource) return;
    var source = new EventSource("/api/v1/events");
    source.addEventListener("ready", function (e) {
      try { setUnread(JSON.parse(e.data).unread_count); } catch (_) { /* keep the badge */ }
      document.body.dataset.liveReady = "1";
    });
    source.addEventListener("notification", function (e) {
      var n;
      try { n = JSON.parse(e.data); } catch (_) { return; }
      var badge = document.getElementById("unread");
      setUnread((parseInt(badge && badge.dataset.count, 10) || 0) + 1);
      addToInbox(n);
      toast(n.text, n.link, n.urgent);
    });
    // EventSource reconnects by itself after network trouble.
  }

  function copyButtons() {
    document.querySelectorAll("input[data-copy]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    listen();
    copyButtons();
  });
})();
