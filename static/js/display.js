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

  // The page's language (D.first), and the second one under it with ?show=both.
  var S = T.second || null;
  var es = D.first === "es";
  function inSecond(text) {
    var span = el("span", "display-second", "/ " + text);
    span.lang = D.second_lang;
    return span;
  }
  function applySession(s) {
    var title = document.getElementById("d-title");
    title.textContent = (es && s.title_es) || s.title || "";
    if (S && s.title_es) { title.appendChild(document.createTextNode(" ")); title.appendChild(inSecond(s.title_es)); }
    var p = s.current_prompt;
    var heading = document.getElementById("d-prompt");
    heading.textContent = p ? ((es && p.text_es) || p.text) : (title.firstChild ? title.firstChild.textContent : "");
    if (p && p.text_es && !es) {  // the second language under the first, as the page renders it
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
    var other = S && S.status_msgs[s.status];
    if (other) { banner.appendChild(document.createTextNode(" ")); banner.appendChild(inSecond(other)); }
    banner.hidden = s.status === "open";
    render(); // the header height may have changed
  }

  var socket = window.io({ query: cg.route, auth: { role: "display", code: D.code }, reconnectionDelayMax: 10000 });
  cg.watchConnection(socket, conn, t);
  var moderationEl = document.getElementById("d-moderation");
  var moderationSecond = document.getElementById("d-moderation-second");
  function moderation(summary) {
    cg.moderationNote(moderationEl, summary);
    if (S) cg.moderationNote(moderationSecond, summary, S);
  }
  socket.on("snapshot", function (snap) {
    if (snap.session) applySession(snap.session);
    moderation(snap.moderation);
    concerns.clear();
    (snap.concerns || []).forEach(function (c) { concerns.set(c.id, c); });
    render();
  });
  // Concern changes arrive batched: the latest state of each, or its id to remove.
  socket.on("concerns", function (d) {
    if (d.moderation) moderation(d.moderation);
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

  // ---- "What we heard": the facilitator switches the display to the themes ----------
  var themesEl = document.getElementById("d-themes");
  var themeList = document.getElementById("d-theme-list");
  function svgBar(share) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "display-bar");
    svg.setAttribute("viewBox", "0 0 100 24");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    var rect = document.createElementNS(ns, "rect");
    rect.setAttribute("height", "24");
    rect.setAttribute("width", String(Math.round(100 * share)));
    svg.appendChild(rect);
    return svg;
  }
  // Counts say what they are: concerns, and "me too" taps (never "people").
  function themeItem(label, size, supporters, top, quote, cls) {
    var li = el("li", "display-theme" + (cls ? " " + cls : ""));
    li.appendChild(el("p", "display-theme-label", label));
    if (top) li.appendChild(svgBar(supporters / top));
    li.appendChild(el("p", "display-count",
      t("theme_counts", { concerns: size, me_too: Math.max(supporters - size, 0) })));
    if (quote) li.appendChild(el("blockquote", "display-quote", quote));
    return li;
  }
  function applyDisplay(d) {
    var themes = d && d.mode === "themes" ? d.themes : null;
    themesEl.hidden = !themes;
    list.hidden = !!themes;
    document.getElementById("d-empty").hidden = !!themes || concerns.size > 0;
    if (!themes) { render(); return; }
    themeList.textContent = "";
    var top = Math.max.apply(null, [1].concat(themes.themes.map(function (x) { return x.supporters; })));
    themes.themes.forEach(function (x) {
      themeList.appendChild(themeItem(x.label, x.size, x.supporters, top, x.quote));
    });
    if (themes.other.size) {
      themeList.appendChild(themeItem(t("other"), themes.other.size, themes.other.supporters, 0, "", "display-theme-other"));
    }
  }
  socket.on("display_mode", applyDisplay);
  socket.on("snapshot", function (snap) { applyDisplay(snap.display); });
  window.addEventListener("resize", render);
})();
