/* Shared by the participant page, the console and the display (load it first): small
 * DOM and translation helpers, the connection line, and the public moderation note.
 * Text is only ever set with textContent. */
(function () {
  "use strict";

  // A function that fills "%(name)s" placeholders in the page's translated strings T.
  function translator(T) {
    return function t(key, vars) {
      var s = T[key] || "";
      return vars ? s.replace(/%\((\w+)\)s/g, function (m, name) {
        return name in vars ? String(vars[name]) : m;
      }) : s;
    };
  }

  // An element with attributes ("text" sets textContent, "class" the class) and children.
  function h(tag, props, kids) {
    var el = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") el.textContent = props[k];
      else if (k === "class") el.className = props[k];
      else el.setAttribute(k, props[k]);
    });
    (kids || []).forEach(function (kid) { if (kid) el.appendChild(kid); });
    return el;
  }

  // Shows "reconnecting…" (or why the server refused) in `conn`, and keeps retrying.
  function watchConnection(socket, conn, t) {
    function show(text) {
      conn.textContent = text || "";
      conn.hidden = !text;
    }
    socket.on("connect", function () { show(""); });
    socket.on("disconnect", function () { show(t("reconnecting")); });
    socket.on("connect_error", function (err) {
      show((err && err.data && err.data.message) || t("reconnecting"));
      if (!socket.active) setTimeout(function () { if (!socket.connected) socket.connect(); }, 10000);
    });
  }

  // A polite live region for screen readers: announce(text) says one thing; queueNew(text)
  // gathers new posts for 3 s, so a busy room is one message ("5 new posts"), not a flood.
  function announcer(el, t) {
    var queue = [];
    var timer = null;
    function announce(text) {
      el.textContent = "";
      setTimeout(function () { el.textContent = text; }, 50); // re-set so repeats are read
    }
    function queueNew(text) {
      queue.push(text);
      if (timer) return;
      timer = setTimeout(function () {
        announce(queue.length === 1 ? t("new_one", { text: queue[0] })
          : t("new_many", { n: queue.length }));
        queue = [];
        timer = null;
      }, 3000);
    }
    return { announce: announce, queueNew: queueNew };
  }

  // The public line saying how many posts wait for review or were not shown, and why.
  // Strings come from the page's #cg-moderation JSON block.
  var moderationEl = document.getElementById("cg-moderation");
  var PAGE_M = moderationEl ? JSON.parse(moderationEl.textContent) : null;
  function fill(s, n) { return s.replace("%(n)s", String(n)); }
  // ``strings``: another language's (the display's second one); else the page's.
  function moderationNote(el, summary, strings) {
    var M = strings || PAGE_M;
    if (!el || !M || !summary) return;
    var parts = [];
    if (summary.held) parts.push(fill(M.held, summary.held));
    if (summary.hidden) {
      var why = Object.keys(summary.hidden_reasons || {}).map(function (code) {
        return (M.reasons[code] || code) + " (" + summary.hidden_reasons[code] + ")";
      });
      parts.push(fill(M.hidden, summary.hidden) + (why.length ? ": " + why.join(", ") : ""));
    }
    el.textContent = parts.join(" · ");
  }

  // The order the room sees concerns in, on phones, the display and the console's
  // "shown" list: pinned first, then most "me too", then newest. The server's
  // shown_concerns (facilitator/services/concerns.py) sorts the same way.
  function roomOrder(a, b) {
    return (b.pinned ? 1 : 0) - (a.pinned ? 1 : 0) || (b.support || 0) - (a.support || 0) || b.id - a.id;
  }

  // Sent with every Socket.IO request of this page (?r=...) so that a proxy in front of
  // several server processes keeps the handshake, the polls and the WebSocket of one
  // connection on one process (deploy/commonground.nginx hashes on it). Random per page
  // load, never stored, and says nothing about the phone.
  var bytes = new Uint8Array(8);
  window.crypto.getRandomValues(bytes);
  var route = { r: Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("") };

  window.cg = {
    route: route,
    roomOrder: roomOrder,
    translator: translator,
    h: h,
    announcer: announcer,
    watchConnection: watchConnection,
    moderationNote: moderationNote
  };
})();
