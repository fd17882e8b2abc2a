// Outnumber's only script: live updates on top of pages that work without it.
// It listens to the signed-in member's event stream and shows what arrives, and registers
// the service worker that keeps pages offline. Times come from the server already in the
// member's or the committee's zone, with the zone named.
(function () {
  "use strict";

  function toast(text, link, urgent, subject) {
    var live = document.getElementById("live");
    if (!live) return;
    var item = document.createElement("div");
    item.className = "toast" + (urgent ? " urgent" : "");
    if (subject) item.dataset.subject = subject;
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
    li.className = (n.read ? "" : "unread") + (n.urgent ? " urgent" : "");
    if (n.subject_id) li.dataset.subject = n.subject_id;
    var a = document.createElement("a");
    a.href = n.href;
    a.textContent = n.text;
    var time = document.createElement("time");
    time.dateTime = n.created_at;
    time.textContent = document.getElementById("live").dataset.newLabel || "";
    li.appendChild(a);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(time);
    list.insertBefore(li, list.firstChild);
  }

  // The dashboard's open incidents, live: a new alert is added at the top, one resolved or
  // withdrawn taken down, without a reload. The list is there (hidden) when empty.
  function syncIncidents() {
    var list = document.getElementById("open-incidents");
    if (!list) return;
    var empty = list.children.length === 0;
    list.hidden = empty;
    var none = document.getElementById("open-incidents-none");
    if (none) none.hidden = !empty;
  }

  function liveIncidentList(n) {
    var list = document.getElementById("open-incidents");
    if (!list || !n.subject_id) return;
    var shown = list.querySelector('[data-subject="' + n.subject_id + '"]');
    if (n.kind === "incident_reported") {
      if (shown) return;
      var li = document.createElement("li");
      li.className = "incident" + (n.urgent ? " urgency-now" : "");
      li.dataset.subject = n.subject_id;
      if (n.urgent) {
        var tag = document.createElement("strong");
        tag.className = "tag urgent";
        tag.textContent = list.dataset.urgentLabel || "";
        li.appendChild(tag);
        li.appendChild(document.createTextNode(" "));
      }
      var a = document.createElement("a");
      a.href = "/incidents/" + n.subject_id;
      a.textContent = n.text;
      li.appendChild(a);
      list.insertBefore(li, list.firstChild);
    } else if ((n.kind === "incident_resolved" || n.kind === "incident_withdrawn") && shown) {
      shown.remove();
    }
    syncIncidents();
  }

  // A live stream that comes back. EventSource reconnects by itself when a connection
  // drops, but gives up for good on an HTTP error answer, such as a proxy's 502 while the
  // server restarts. Then a new one is opened after a wait that doubles from 1 s to 30 s,
  // drawn between half and all of it so that the open pages do not all come back at once,
  // and starts again from 1 s once a stream opens. `resume` passes the id of the last event
  // heard, which a new EventSource cannot send as Last-Event-ID itself.
  function liveStream(url, handlers, resume) {
    var source = null;
    var delay = 1000;
    var lastId = "";
    var stopped = false;
    function open() {
      if (stopped) return;
      var target = url;
      if (resume && lastId) {
        target += (url.indexOf("?") < 0 ? "?" : "&") + "last_event_id=" + encodeURIComponent(lastId);
      }
      var current = source = new EventSource(target);
      current.addEventListener("open", function () { delay = 1000; });
      Object.keys(handlers).forEach(function (name) {
        current.addEventListener(name, function (e) {
          if (e.lastEventId) lastId = e.lastEventId;
          handlers[name](e);
        });
      });
      current.addEventListener("error", function () {
        if (stopped || current.readyState !== EventSource.CLOSED) return;
        var wait = delay / 2 + Math.random() * delay / 2;
        delay = Math.min(delay * 2, 30000);
        setTimeout(open, wait);
      });
    }
    open();
    return { close: function () { stopped = true; if (source) source.close(); } };
  }

  // Whether the member changed anything in a form on this page, which a reload would lose.
  function typedSomething() {
    return Array.prototype.some.call(document.querySelectorAll("input, textarea, select"), function (el) {
      if (el.type === "hidden" || el.type === "submit" || el.type === "button") return false;
      if (el.type === "checkbox" || el.type === "radio") return el.checked !== el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.some.call(el.options, function (o) { return o.selected !== o.defaultSelected; });
      }
      return el.value !== el.defaultValue;
    });
  }

  function listen() {
    if (!document.body.dataset.live || !window.EventSource || savedCopy()) return;
    // A reconnection sends again what it missed; what was shown already is not shown twice
    // (an announcement made ahead of its inbox row comes again as the row).
    var shown = [];
    liveStream("/api/v1/events", {
      ready: function (e) {
        try { setUnread(JSON.parse(e.data).unread_count); } catch (_) { /* keep the badge */ }
        document.body.dataset.liveReady = "1";
      },
      notification: function (e) {
        var n;
        try { n = JSON.parse(e.data); } catch (_) { return; }
        if (shown.indexOf(n.id) >= 0) return;
        shown.push(n.id);
        if (shown.length > 200) shown.shift();
        var badge = document.getElementById("unread");
        if (!n.read) setUnread((parseInt(badge && badge.dataset.count, 10) || 0) + 1);
        addToInbox(n);
        liveIncidentList(n);
        activationBanner(n);
        if (!n.read) toast(n.text, n.href, n.urgent, n.subject_id);
      },
      // A false alarm is taken down wherever it shows; the notice that it was withdrawn
      // arrives as a notification of its own.
      retracted: function (e) {
        var subject;
        try { subject = JSON.parse(e.data).subject_id; } catch (_) { return; }
        document.querySelectorAll('[data-subject="' + subject + '"]').forEach(function (el) {
          if (el.classList.contains("unread")) {
            var badge = document.getElementById("unread");
            setUnread(Math.max((parseInt(badge && badge.dataset.count, 10) || 1) - 1, 0));
          }
          el.remove();
        });
        syncIncidents();
      },
      // Some notifications could not be sent (the server could not resume the stream). The
      // badge is set right by the `ready` that follows; the lists that the stream keeps
      // (the inbox, the dashboard's incidents and banners) are read again with the page,
      // unless the member has typed into a form here: their words matter more, and the
      // next page they open is whole.
      missed: function () {
        if (document.querySelector("#inbox, #open-incidents, [data-banners]") && !typedSomething()) {
          window.location.reload();
        }
      }
    }, true);
  }

  // What a form just did is said at the top of the next page (`web::notice`). It gets the
  // focus, so that a screen reader reads it at once.
  function confirmation() {
    var notice = document.getElementById("notice");
    if (!notice) return;
    try { notice.focus({ preventScroll: true }); } catch (_) { notice.focus(); }
  }

  // The header's menus (language, account) are <details>: they work without this; here one
  // closes when another opens, on a tap elsewhere, and on Escape.
  function menus() {
    var all = document.querySelectorAll("details.menu");
    if (!all.length) return;
    function closeAll(except) {
      all.forEach(function (d) { if (d !== except) d.open = false; });
    }
    all.forEach(function (d) {
      d.addEventListener("toggle", function () { if (d.open) closeAll(d); });
    });
    document.addEventListener("click", function (e) {
      all.forEach(function (d) { if (d.open && !d.contains(e.target)) d.open = false; });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") return;
      all.forEach(function (d) {
        if (d.open) {
          d.open = false;
          var summary = d.querySelector("summary");
          if (summary) summary.focus();
        }
      });
    });
  }

  // An action that goes ahead while the dashboard is open gets its banner at the top, as the
  // dashboard shows it after a reload.
  function activationBanner(n) {
    if (n.kind !== "action_activated") return;
    var place = document.querySelector("[data-banners]");
    if (!place || (n.subject_id && place.querySelector('[data-subject="' + n.subject_id + '"]'))) return;
    var banner = document.createElement("div");
    banner.className = "banner on";
    if (n.subject_id) banner.dataset.subject = n.subject_id;
    var strong = document.createElement("strong");
    var link = document.createElement("a");
    link.href = n.href;
    link.textContent = n.text;
    strong.appendChild(link);
    banner.appendChild(strong);
    place.insertBefore(banner, place.firstChild);
  }

  function copyButtons() {
    document.querySelectorAll("input[data-copy]").forEach(function (input) {
      input.addEventListener("focus", function () { input.select(); });
    });
  }

  // Numbers as the server writes them in every language it offers: "5,012".
  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

  // Words beside a live count, in the form the new count takes: the server renders them
  // once per plural form of the page's language (data-one, data-other, ...), and the
  // browser's plural rules pick one. A language without plural forms has only data-other.
  function pluralize(root, name, n) {
    var rules = null;
    try { rules = new Intl.PluralRules(document.documentElement.lang || "en"); } catch (_) {}
    root.querySelectorAll('[data-plural-of="' + name + '"]').forEach(function (el) {
      var form = rules && el.getAttribute("data-" + rules.select(n));
      if (form === null || form === undefined) form = el.getAttribute("data-other");
      if (form !== null) el.textContent = form;
    });
  }

  // An action's counts, live: the page shows them as of its load and works without this;
  // here they move as pledges arrive. A change of status (the action goes ahead, expires
  // or is called off) reloads the page, which says so in words.
  function liveCounts() {
    var root = document.querySelector("[data-counts-stream]");
    if (!root || !window.EventSource || savedCopy()) return;
    var status = root.querySelector("[data-live-status]");
    var initialStatus = status && status.className.match(/status-(\w+)/);
    // The counts are state: a reconnection brings the current ones at once.
    var source = liveStream(root.getAttribute("data-counts-stream"), { counts: function (e) {
      var counts;
      try { counts = JSON.parse(e.data); } catch (_) { return; }
      if (initialStatus && counts.status !== initialStatus[1]) {
        source.close();
        window.location.reload();
        return;
      }
      var pledged = grouped(counts.pledged);
      root.querySelectorAll('[data-count="pledged"]').forEach(function (el) {
        if (el.textContent.trim() !== pledged) {
          // The breakdown is not streamed (a council's runs to thousands of committees);
          // say it is as of the page load rather than let it disagree silently.
          var stale = root.querySelector("[data-breakdown-stale]");
          if (stale) stale.hidden = false;
        }
        el.textContent = pledged;
      });
      pluralize(root, "pledged", counts.pledged);
      (counts.progress || []).forEach(function (p) {
        var bar = root.querySelector('[data-part="' + p.part + '"]');
        if (!bar) return;
        var share = p.part === "share";
        var current = Math.round(share ? p.current * 100 : p.current);
        var target = Math.round(share ? p.target * 100 : p.target);
        var progress = bar.querySelector("progress");
        if (progress) {
          progress.max = Math.max(target, 1);
          progress.value = Math.min(current, target);
        }
        var label = bar.querySelector("[data-label-template]");
        if (label) {
          label.textContent = label.dataset.labelTemplate
            .replace("{current}", grouped(current))
            .replace("{target}", grouped(target));
        }
        bar.classList.toggle("met", !!p.met);
      });
    } });
  }

  // An incident's confirmations and responders, live; a change of status reloads the page,
  // which says what happened in words.
  function liveIncident() {
    var root = document.querySelector("[data-incident-stream]");
    if (!root || !window.EventSource || savedCopy()) return;
    var status = root.querySelector("[data-live-status]");
    var initialStatus = status && status.className.match(/status-(\w+)/);
    var source = liveStream(root.getAttribute("data-incident-stream"), { incident: function (e) {
      var incident;
      try { incident = JSON.parse(e.data); } catch (_) { return; }
      if ((initialStatus && incident.status !== initialStatus[1]) ||
          (incident.erased && !root.hasAttribute("data-erased"))) {
        source.close();
        window.location.reload();
        return;
      }
      var counts = {
        confirmations: incident.confirmations,
        witness: incident.responders.witness,
        legal: incident.responders.legal,
        support: incident.responders.support
      };
      Object.keys(counts).forEach(function (name) {
        var el = root.querySelector('[data-count="' + name + '"]');
        if (el) el.textContent = String(counts[name]);
      });
    } });
  }

  // Notifications on this phone (the settings page): registers the service worker
  // (/sw.js), subscribes with the server's VAPID key when the member presses the button,
  // and hands the subscription to the server. Without push support the page keeps saying
  // so, and nothing else happens.
  function pushSetup() {
    var root = document.getElementById("push-setup");
    if (!root) return;
    if (!("serviceWorker" in navigator) || !window.PushManager || !window.Notification) return;
    var enable = document.getElementById("push-enable");
    var disable = document.getElementById("push-disable");
    var status = document.getElementById("push-status");
    var unavailable = document.getElementById("push-unavailable");

    function say(label) { if (status) status.textContent = root.dataset[label] || ""; }
    // The buttons show, and the note for browsers without push hides, only once the
    // service worker is registered.
    function show(subscribed) {
      if (unavailable) unavailable.hidden = true;
      enable.hidden = subscribed;
      disable.hidden = !subscribed;
    }
    function post(path, fields) {
      var body = new URLSearchParams();
      body.set("csrf", root.dataset.csrf);
      Object.keys(fields).forEach(function (k) { body.set(k, fields[k]); });
      return fetch(path, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("server answered " + r.status);
      });
    }
    function key(base64url) {
      var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
      var raw = atob(padded);
      var bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
      return bytes;
    }

    var registration = navigator.serviceWorker.register("/sw.js", { scope: "/" });
    registration.then(function (reg) { return reg.pushManager.getSubscription(); })
      .then(function (existing) {
        show(!!existing);
        if (existing) {
          say("onLabel");
          // Tell the server again: harmless if it knows, and it may have forgotten it.
          post("/settings/notifications/push", { subscription: JSON.stringify(existing) }).catch(function () {});
        }
      })
      .catch(function () { /* no service worker here: the note stays */ });

    enable.addEventListener("click", function () {
      enable.disabled = true;
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") { say("deniedLabel"); return null; }
        return navigator.serviceWorker.ready.then(function (reg) {
          return reg.pushManager.subscribe({
            userVisibleOnly: true,
            applicationServerKey: key(root.dataset.publicKey)
          });
        }).then(function (subscription) {
          return post("/settings/notifications/push", { subscription: JSON.stringify(subscription) });
        }).then(function () { show(true); say("onLabel"); });
      }).catch(function () { say("failedLabel"); })
        .then(function () { enable.disabled = false; });
    });

    disable.addEventListener("click", function () {
      navigator.serviceWorker.ready.then(function (reg) { return reg.pushManager.getSubscription(); })
        .then(function (subscription) {
          if (!subscription) return null;
          var endpoint = subscription.endpoint;
          return subscription.unsubscribe().then(function () {
            return post("/settings/notifications/push/remove", { endpoint: endpoint });
          });
        })
        .then(function () { show(false); say("offLabel"); })
        .catch(function () { say("failedLabel"); });
    });
  }

  // The service worker (/sw.js) keeps a few pages readable offline. A page loaded before it
  // took control (the first visit) is reported to it, so that it keeps that one too.
  function offline() {
    if (!("serviceWorker" in navigator)) return;
    var controlled = !!navigator.serviceWorker.controller;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (controlled || !reg.active || savedCopy()) return;
      var assets = [];
      document.querySelectorAll('link[rel="stylesheet"][href], script[src], link[rel="icon"][href]').forEach(function (el) {
        assets.push(el.getAttribute("href") || el.getAttribute("src"));
      });
      reg.active.postMessage({ type: "loaded", path: location.pathname, assets: assets });
    }).catch(function () { /* no service worker: pages work as before */ });
  }

  // A page the service worker shows from what it kept, while offline.
  function savedCopy() {
    return !!document.querySelector(".offline-banner");
  }

  document.addEventListener("DOMContentLoaded", function () {
    offline();
    confirmation();
    menus();
    liveIncident();
    pushSetup();
    liveCounts();
    listen();
    copyButtons();
  });
})();
