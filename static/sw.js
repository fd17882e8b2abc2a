// Outnumber's service worker: shows the notifications the server pushes, takes down the
// ones it withdraws, and opens the page a notification leads to. It caches nothing.
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("push", function (event) {
  var message;
  try {
    message = event.data ? event.data.json() : null;
  } catch (_) {
    message = null;
  }
  if (!message) return;
  if (message.type === "close") {
    event.waitUntil(
      self.registration.getNotifications({ tag: message.tag }).then(function (shown) {
        shown.forEach(function (n) { n.close(); });
      })
    );
    return;
  }
  var urgent = !!message.urgent;
  event.waitUntil(
    self.registration.showNotification(message.title || "Outnumber", {
      body: message.body || "",
      tag: message.tag,
      // An urgent alert about something already shown alerts again.
      renotify: urgent && !!message.tag,
      requireInteraction: urgent,
      icon: "/static/icon.svg",
      data: { url: message.url || "/notifications" }
    })
  );
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var target = (event.notification.data && event.notification.data.url) || "/notifications";
  var url;
  try {
    url = new URL(target, self.location.origin);
  } catch (_) {
    url = new URL("/notifications", self.location.origin);
  }
  // Only pages of this site are opened.
  if (url.origin !== self.location.origin) url = new URL(url.pathname, self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
      for (var i = 0; i < windows.length; i++) {
        var w = windows[i];
        if (w.url === url.href && "focus" in w) return w.focus();
      }
      for (var j = 0; j < windows.length; j++) {
        if ("navigate" in windows[j]) {
          var first = windows[j];
          return first.navigate(url.href).then(function (w) { return (w || first).focus(); });
        }
      }
      return self.clients.openWindow(url.href);
    })
  );
});
