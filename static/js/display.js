/* Common Ground projector page: read-only live list of shown concerns.
 * Order: the room's (cg.roomOrder: pinned, most "me too", newest). The list is fitted to the
 * screen (smaller type first, then the lowest items are left off with a "+ N more").
 * Text is set with textContent only. Contract: docs/protocol.md. */
(function () {
  "use strict";

  var dataEl = document.getElementById("cg-data");
  if (!dataEl || typeof window.io !== "function") return;
  var D = JSON.parse(dataEl.textContent);
  var T = JSON.parse(document.getElementById("i18n").textContent);
  var list = document.getElementById("d-list");
  var more = document.getElementById("d-more");
  var conn = document.getElementById("conn");
  var concerns = new Map();
  var els = new Map();
  var FIT_CLASSES = ["", "fit-s", "fit-xs"];

  var t = cg.translator(T);
  function el(tag, cls, text) {
    return cg.h(tag, text ? { class: cls, text: text } : { class: cls });
  }

  function sorted() {
    return Array.from(concerns.values()).sort(cg.roomOrder);
  }

  function itemFor(c) {
    var li = els.get(c.id);
    if (!li) {
      li = el("li", "display-item");
      li.appendChild(el("p", "pin-label", t("pinned")));
      li.appendChild(el("p", "concern-text"));
      li.appendChild(el("p", "display-count"));
      els.set(c.id, li);
    }
    li.className = "display-item" + (c.pinned ? " pinned" : "");
    li.querySelector(".pin-label").hidden = !c.pinned;
    var text = li.querySelector(".concern-text");
    text.textContent = c.text;
    if (c.language) text.lang = c.language;
    li.querySelector(".display-count").textContent = t("count", { n: c.support || 0 });
    return li;
  }

  var pending = false;
  function render() {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      var items = sorted();
      list.textContent = "";
      items.forEach(function (c) {
        var li = itemFor(c);
        li.hidden = false;
        list.appendChild(li);
      });
      els.forEach(function (li, id) { if (!concerns.has(id)) els.delete(id); });
      document.getElementById("d-empty").hidden = items.length > 0;
      fit();
    });
  }

  // Shrink the type step by step; if the list still overflows, leave off the lowest.
  function overflows() { return list.scrollHeight > list.clientHeight + 1; }
  function fit() {
    var i = 0;
    list.className = "plain-list display-list";
    while (overflows() && i < FIT_CLASSES.length - 1) {
      i += 1;
      list.className = "plain-list display-list " + FIT_CLASSES[i];
    }
    var hidden = 0;
    var children = list.children;
    for (var k = children.length - 1; k > 0 && overflows(); k--) {
      children[k].hidden = true;
      hidden += 1;
    }
    more.textContent = hidden ? t("more", { n: hidden }) : "";
    more.hidden = !hidden;
  }

  function applySession(s) {
    document.getElementById("d-title").textContent = s.title || "";
    var p = s.current_prompt;
    var heading = document.getElementById("d-prompt");
    heading.textContent = p ? p.text : (s.title || "");
    if (p && p.text_es) {  // the second language under the first, as the page renders it
      var second = document.createElement("span");
      second.className = "display-prompt-second";
      second.id = "d-prompt-es";
      second.lang = "es";
      second.textContent = p.text_es;
      heading.appendChild(second);
    }
    var banner = document.getElementById("d-status");
    banner.className = "banner banner-" + s.status;
    banner.textContent = (T.status_msgs || {})[s.status] || "";
    banner.hidden = s.status === "open";
    render(); // the header height may have changed
  }

  var socket = window.io({ query: cg.route, auth: { role: "display", code: D.code }, reconnectionDelayMax: 10000 });
  cg.watchConnection(socket, conn, t);
  var moderationEl = document.getElementById("d-moderation");
  socket.on("snapshot", function (snap) {
    if (snap.session) applySession(snap.session);
    cg.moderationNote(moderationEl, snap.moderation);
    concerns.clear();
    (snap.concerns || []).forEach(function (c) { concerns.set(c.id, c); });
    render();
  });
  // Concern changes arrive batched: the latest state of each, or its id to remove.
  socket.on("concerns", function (d) {
    if (d.moderation) cg.moderationNote(moderationEl, d.moderation);
    (d.upsert || []).forEach(function (c) { concerns.set(c.id, c); });
    (d.remove || []).forEach(function (id) { concerns.delete(id); });
    render();
  });
  socket.on("tallies", function (d) {
    Object.keys(d.support || {}).forEach(function (id) {
      var c = concerns.get(Number(id));
      if (c) c.support = d.support[id];
    });
    render();
  });
  socket.on("session", applySession);
  window.addEventListener("resize", render);
})();
