// Outnumber's service worker.
//
// Notifications: it shows the notifications the server pushes, takes down the ones it
// withdraws, and opens the page a notification leads to.
//
// Offline: it keeps a few pages readable without a connection, the ones the server marks
// with an `Outnumber-Offline` header (the member's last dashboard, their committees'
// contacts pages, know-your-rights and the offline page). That header says how long the
// copy may be shown (`max-age=SECONDS`) and lists the pages to fetch and keep along with it.
// Each page a signed-in member gets carries `Outnumber-Owner`, a tag of their session: what
// is kept for a member sits in a cache named after it, and every such cache goes as soon as
// a page arrives with another tag or none (logged out, logged out everywhere, another
// account), and before any log-in, log-out or account deletion is even sent. Pages come
// from the network whenever it answers; from the cache only when it does not, with a banner
// saying so. See src/web/offline.rs and SECURITY.md.
"use strict";

var PRIVATE = "outnumber-private-"; // + the owner tag
var PUBLIC = "outnumber-public";    // pages kept while signed out (know-your-rights)
var STATIC = "outnumber-static";    // the stylesheet, the script and the icon, by version
var OWNER = "outnumber-owner";
var KEEP = "outnumber-offline";
var SAVED_AT = "outnumber-saved-at";
var EXPIRES = "outnumber-expires";
// Nothing is kept longer than a session can live, whatever a page says.
var MAX_AGE_MS = 30 * 24 * 3600 * 1000;
// Pages kept along with another are fetched again at most this often.
var REFRESH_MS = 10 * 60 * 1000;
// Forms after which the pages kept for whoever was signed in must not be shown again.
var SESSION_FORMS = ["/login", "/register", "/logout", "/logout/everywhere", "/settings/delete"];
// When the kept pages were last dropped, and whose were spared: a page fetched before then
// for anyone else is not kept, even if its answer arrives later.
var lastForget = { at: 0, spared: null };

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

// ---------------------------------------------------------------------------------------
// Offline

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "GET" && url.pathname.indexOf("/static/") === 0 && url.searchParams.has("v")) {
    event.respondWith(asset(request, url));
    return;
  }
  // Top-level pages only: a page of ours framed elsewhere (the public counter) says nothing
  // about who is signed in here.
  if (request.mode !== "navigate" || request.destination !== "document") return;
  if (request.method === "POST") {
    if (SESSION_FORMS.indexOf(url.pathname) !== -1) {
      event.respondWith(forgetPrivate(null).then(function () {
        return fetch(request);
      }).catch(function () {
        return offlinePage();
      }));
    }
    return;
  }
  if (request.method !== "GET") return;
  event.respondWith(navigate(event, request, url));
});

// A page app.js reports as loaded before this worker controlled it: fetch it again, so the
// first dashboard a member opens is kept too, with the assets it uses.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "loaded" || typeof data.path !== "string") return;
  var url;
  try {
    url = new URL(data.path, self.location.origin);
  } catch (_) {
    return;
  }
  if (url.origin !== self.location.origin) return;
  var assets = (Array.isArray(data.assets) ? data.assets : []).map(function (a) {
    try { return new URL(a, self.location.origin); } catch (_) { return null; }
  }).filter(function (a) {
    return a && a.origin === self.location.origin && a.pathname.indexOf("/static/") === 0 && a.searchParams.has("v");
  });
  event.waitUntil(Promise.all([
    fetch(url.pathname, { credentials: "same-origin", redirect: "manual" })
      .then(function (response) { return settle(response, url.pathname, Date.now()); })
      .catch(function () {}),
    Promise.all(assets.map(function (a) {
      return asset(new Request(a.href), a).catch(function () {});
    }))
  ]));
});

function navigate(event, request, url) {
  var started = Date.now();
  return fetch(request).then(function (response) {
    var unavailable = response.status === 502 || response.status === 503 || response.status === 504;
    if (unavailable) {
      return saved(url.pathname).then(function (copy) {
        return copy ? withBanner(copy) : response;
      });
    }
    event.waitUntil(settle(response.clone(), url.pathname, started).catch(function () {}));
    return response;
  }, function () {
    return saved(url.pathname).then(function (copy) {
      return copy ? withBanner(copy) : offlinePage();
    });
  });
}

/** What a page answered online says: whose pages may stay, and whether to keep this one. */
function settle(response, path, started) {
  // A redirect (`opaqueredirect`) shows nothing; the page it leads to will. Only pages tell
  // who is signed in (a download of the member's data or a calendar feed does not).
  var type = response.headers.get("content-type") || "";
  if (response.type !== "basic" || response.status >= 500 || type.indexOf("text/html") !== 0) {
    return Promise.resolve();
  }
  var owner = response.headers.get(OWNER);
  var keep = response.headers.get(KEEP);
  return forgetPrivate(owner).then(function () {
    if (response.status !== 200 || keep === null) return null;
    var name = owner ? PRIVATE + owner : PUBLIC;
    return put(name, path, response, started).then(function () {
      return companions(name, owner, keep);
    });
  });
}

/** Drops the pages kept for every session but `owner`'s (for everyone when null). */
function forgetPrivate(owner) {
  lastForget = { at: Date.now(), spared: owner ? PRIVATE + owner : null };
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PRIVATE) === 0 && name !== PRIVATE + owner;
    }).map(function (name) { return caches.delete(name); }));
  });
}

function put(name, path, response, started) {
  var stale = name.indexOf(PRIVATE) === 0 && started < lastForget.at && name !== lastForget.spared;
  if (stale) return Promise.resolve();
  var maxAge = /(?:^| )max-age=(\d+)(?: |$)/.exec(response.headers.get(KEEP) || "");
  var lifetime = Math.min(maxAge ? Number(maxAge[1]) * 1000 : MAX_AGE_MS, MAX_AGE_MS);
  return response.text().then(function (html) {
    // What the form before this page did ("You left …") was said once; a kept copy must
    // not say it again days later.
    html = html.replace(/<p class="flash"[^>]*id="notice">[\s\S]*?<\/p>/, "");
    var headers = copyHeaders(response.headers);
    var now = Date.now();
    headers.set(SAVED_AT, String(now));
    headers.set(EXPIRES, String(now + lifetime));
    return caches.open(name).then(function (cache) {
      return cache.put(new Request(path), new Response(html, { status: 200, headers: headers }));
    });
  });
}

/** Fetches and keeps the pages listed with a kept one, unless kept recently. */
function companions(name, owner, list) {
  var paths = list.split(" ").filter(function (p) {
    // Tokens that are not paths (`max-age=…`) are skipped.
    return p.charAt(0) === "/" && p.charAt(1) !== "/";
  });
  return caches.open(name).then(function (cache) {
    return Promise.all(paths.map(function (path) {
      return cache.match(path, { ignoreVary: true }).then(function (hit) {
        if (hit && Date.now() - Number(hit.headers.get(SAVED_AT)) < REFRESH_MS) return null;
        var started = Date.now();
        return fetch(path, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
          // Only what the server still answers to the same session, and marks to keep.
          if (response.type !== "basic" || response.status !== 200) return null;
          if (response.headers.get(OWNER) !== owner || response.headers.get(KEEP) === null) return null;
          return put(name, path, response, started);
        }).catch(function () { return null; });
      });
    }));
  });
}

/** The kept copy of a page, from the member's cache first: `{response, cache}` or null. */
function saved(path) {
  return caches.keys().then(function (names) {
    var order = names.filter(function (n) { return n.indexOf(PRIVATE) === 0; });
    if (names.indexOf(PUBLIC) !== -1) order.push(PUBLIC);
    return firstCopy(order, path);
  });
}

function firstCopy(names, path) {
  if (names.length === 0) return Promise.resolve(null);
  var name = names[0];
  return caches.open(name).then(function (cache) {
    return cache.match(path, { ignoreVary: true }).then(function (hit) {
      if (hit && expired(hit)) {
        return cache.delete(path).then(function () { return null; });
      }
      return hit;
    });
  }).then(function (hit) {
    return hit ? { response: hit, cache: name } : firstCopy(names.slice(1), path);
  });
}

/** A kept page with the offline banner on top, in the words of the kept offline page. */
function withBanner(copy) {
  var savedAt = Number(copy.response.headers.get(SAVED_AT)) || Date.now();
  var headers = copyHeaders(copy.response.headers);
  return Promise.all([copy.response.text(), offlineCopy(copy.cache)]).then(function (parts) {
    var html = parts[0];
    var template = parts[1] && /<template id="offline-banner">([\s\S]*?)<\/template>/.exec(parts[1]);
    var banner = template ? template[1]
      : '<div class="offline-banner" role="status"><p><strong>&#9888;</strong> <span data-saved-at></span></p></div>';
    banner = banner.replace("<span data-saved-at></span>", timeElement(savedAt, language(html)));
    var main = /<main\b[^>]*>/.exec(html) || /<body\b[^>]*>/.exec(html);
    html = main
      ? html.slice(0, main.index + main[0].length) + banner + html.slice(main.index + main[0].length)
      : banner + html;
    return new Response(html, { status: 200, headers: headers });
  });
}

/** The offline page, listing what this phone keeps; the browser's own error without one. */
function offlinePage() {
  return saved("/offline").then(function (copy) {
    if (!copy) return Response.error();
    var headers = copyHeaders(copy.response.headers);
    return copy.response.text().then(function (html) {
      return keptList(copy.cache, language(html)).then(function (items) {
        if (items) {
          html = html.replace(/(<ul\b[^>]*data-offline-saved[^>]*>)[\s\S]*?(<\/ul>)/, "$1" + items + "$2");
        }
        return new Response(html, { status: 200, headers: headers });
      });
    });
  });
}

function offlineCopy(name) {
  return firstCopy([name, PUBLIC], "/offline").then(function (copy) {
    return copy ? copy.response.text() : null;
  });
}

/** The kept pages of a cache (and the public ones) as list items, or null if none. */
function keptList(name, lang) {
  var names = name === PUBLIC ? [PUBLIC] : [name, PUBLIC];
  var seen = {};
  return Promise.all(names.map(function (n) {
    return caches.open(n).then(function (cache) {
      return cache.keys().then(function (requests) {
        return Promise.all(requests.map(function (request) {
          var path = new URL(request.url).pathname;
          if (path === "/offline") return null;
          return cache.match(request, { ignoreVary: true }).then(function (hit) {
            if (!hit) return null;
            return hit.text().then(function (html) {
              var title = /<title>([^<]*)<\/title>/.exec(html);
              return {
                path: path,
                title: title ? title[1].replace(/ · Outnumber$/, "") : path,
                savedAt: Number(hit.headers.get(SAVED_AT)) || 0,
                expired: expired(hit)
              };
            });
          });
        }));
      });
    });
  })).then(function (lists) {
    var items = [];
    lists.forEach(function (list) {
      list.forEach(function (page) {
        if (!page || seen[page.path] || page.expired) return;
        seen[page.path] = true;
        items.push('<li><a href="' + escapeHtml(page.path) + '">' + page.title + "</a> " +
          timeElement(page.savedAt, lang) + "</li>");
      });
    });
    return items.length ? items.join("") : null;
  });
}

/** The stylesheet, the script and the icons: kept by version, the older versions dropped. */
function asset(request, url) {
  return caches.open(STATIC).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") {
          var version = url.searchParams.get("v");
          cache.put(request, response.clone()).then(function () {
            return cache.keys();
          }).then(function (requests) {
            requests.forEach(function (r) {
              if (new URL(r.url).searchParams.get("v") !== version) cache.delete(r);
            });
          }).catch(function () {});
        }
        return response;
      });
    });
  });
}

function expired(copy) {
  var expires = Number(copy.headers.get(EXPIRES)) || Number(copy.headers.get(SAVED_AT)) + MAX_AGE_MS;
  return !(Date.now() < expires);
}

function copyHeaders(from) {
  var headers = new Headers();
  from.forEach(function (value, key) {
    // The body is stored decoded.
    if (key !== "content-encoding" && key !== "content-length" && key !== "transfer-encoding") {
      headers.set(key, value);
    }
  });
  return headers;
}

function language(html) {
  var lang = /<html\b[^>]*\blang="([a-zA-Z-]+)"/.exec(html);
  return lang ? lang[1] : undefined;
}

function timeElement(millis, lang) {
  var when = new Date(millis);
  var text;
  try {
    text = when.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" });
  } catch (_) {
    text = when.toISOString();
  }
  return '<time datetime="' + when.toISOString() + '">' + escapeHtml(text) + "</time>";
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

// ---------------------------------------------------------------------------------------
// Notifications

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
      icon: "/static/icon-192.png",
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
