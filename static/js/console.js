/* Common Ground facilitator console: live moderation over Socket.IO.
 * State comes from the snapshot sent on every (re)connect, then from "concern",
 * "support", "counts" and "session" events. Every action is emitted with an ack; an
 * error ack's message (already translated by the server) is shown. Text is set with
 * textContent only. Contract: docs/protocol.md. */
(function () {
  "use strict";

  var dataEl = document.getElementById("cg-data");
  if (!dataEl || typeof window.io !== "function") return;
  var D = JSON.parse(dataEl.textContent);
  var T = JSON.parse(document.getElementById("i18n").textContent);
  var REASONS = T.hide_reasons || {};
  var OUTCOMES = T.safety_outcomes || {};

  var t = cg.translator(T);
  var h = cg.h;
  function $(id) { return document.getElementById(id); }
  function newKey() {
    var bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  var list = $("c-list");
  var msg = $("c-message");
  var concerns = new Map();   // id -> ConcernFull
  var els = new Map();        // id -> <li>, dropped when the concern changes
  var selected = new Set();
  var editing = new Map();    // id -> draft text of an open edit form
  var filter = "held";
  var session = null;

  function message(text, isError) {
    msg.textContent = text;
    msg.classList.toggle("error", !!isError);
  }

  // ---- Actions: one helper, ack or error message ----------------------------------
  // aria-disabled, not disabled: a disabled button drops keyboard focus to <body>.
  function act(event, payload, button, onOk) {
    if (button) {
      if (button.getAttribute("aria-disabled") === "true") return; // already waiting
      button.setAttribute("aria-disabled", "true");
    }
    socket.timeout(10000).emit(event, payload, function (err, res) {
      if (button) button.removeAttribute("aria-disabled");
      if (err) return message(t("no_answer"), true);
      if (!res || !res.ok) {
        return message((res && res.error && res.error.message) || t("failed"), true);
      }
      if (res.concern) upsert(res.concern);
      if (res.session) applySession(res.session);
      message(t("done"));
      if (onOk) onOk(res);
    });
  }

  // ---- Rendering the list ---------------------------------------------------------
  // One definition per filter, the same as the server's counts (services/concerns.py):
  // "Waiting" is for any facilitator, "Safety" is waiting for the safety moderator.
  function isSafetyHeld(c) { return c.status === "held" && !!(c.safety_kinds && c.safety_kinds.length); }
  function matches(c) {
    if (filter === "all") return true;
    if (filter === "held") return c.status === "held" && !isSafetyHeld(c);
    if (filter === "safety") return isSafetyHeld(c);
    return c.status === filter;
  }
  function compare(a, b) {
    if (filter === "held" || filter === "safety") return a.id - b.id; // a queue: oldest first
    if (filter === "shown") return cg.roomOrder(a, b); // as the room sees them
    return b.id - a.id;
  }

  function timeOf(c) {
    try {
      return new Date(c.created_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
    } catch (e) { return ""; }
  }

  // What automatic redaction hid: the post as written with those parts marked, and a
  // button per part to show it after all (a false alarm). Text only via text nodes.
  function redactionsOf(c) {
    if (c.edited || !c.redactions || !c.redactions.length || !c.original_text) return null;
    var original = h("p", { class: "c-original" }, [h("span", { text: t("as_posted") + " " })]);
    var cursor = 0;
    c.redactions.forEach(function (r) {
      original.appendChild(document.createTextNode(c.original_text.slice(cursor, r.start)));
      original.appendChild(h("mark", { text: c.original_text.slice(r.start, r.end) }));
      cursor = r.end;
    });
    original.appendChild(document.createTextNode(c.original_text.slice(cursor)));
    var buttons = h("div", { class: "c-actions" }, [h("span", { text: t("redacted") })]);
    c.redactions.forEach(function (r, index) {
      buttons.appendChild(h("button", { type: "button", class: "button", "data-act": "reveal",
        "data-index": String(index), text: t("reveal", { text: r.text }) }));
    });
    return h("div", { class: "c-redactions" }, [original, buttons]);
  }

  function build(c) {
    var id = c.id;
    var meta = [
      h("span", { class: "c-id", text: "#" + id }),
      h("span", { class: "badge status-" + c.status, text: (T.concern_labels || {})[c.status] || c.status }),
      h("span", { class: "c-support", text: t("support", { n: c.support || 0 }) }),
      c.pinned ? h("span", { class: "tag", text: t("pinned") }) : null,
      c.on_behalf ? h("span", { class: "tag", text: t("on_behalf") }) : null,
      c.safety_kinds && c.safety_kinds.length
        ? h("span", { class: "tag tag-safety", text: t("safety", { kinds: c.safety_kinds.map(function (k) {
          return (T.safety_kinds || {})[k] || k;
        }).join(", ") }) }) : null,
      c.edited ? h("span", { class: "tag", text: t("edited") }) : null,
      (c.status === "hidden" || c.status === "resolved") && c.hide_reason
        ? h("span", { text: t("reason", { reason: REASONS[c.hide_reason] || OUTCOMES[c.hide_reason] || c.hide_reason }) }) : null,
      c.merged_into_id ? h("span", { text: t("merged_into", { id: c.merged_into_id }) }) : null,
      c.merged_ids && c.merged_ids.length
        ? h("span", { text: t("includes", { ids: c.merged_ids.join(", #") }) }) : null,
      h("span", { class: "muted", text: timeOf(c) })
    ];
    var live = c.status === "held" || c.status === "shown";
    var checkbox = live ? h("input", { type: "checkbox", id: "sel-" + id, "data-select": id }) : null;
    if (checkbox) checkbox.checked = selected.has(id);
    var text = h("p", { class: "concern-text", id: "ctext-" + id, text: c.text });
    if (c.language) text.lang = c.language;

    var li = h("li", { class: "c-item status-" + c.status + (c.pinned ? " pinned" : ""), "data-id": id }, [
      h("div", { class: "c-top" }, [
        checkbox,
        checkbox ? h("label", { for: "sel-" + id, class: "c-select", text: t("select", { id: id }) }) : null,
        h("p", { class: "c-meta" }, meta)
      ]),
      text,
      c.edited && c.original_text
        ? h("p", { class: "c-original", text: t("original", { text: c.original_text }) }) : null,
      redactionsOf(c)
    ]);

    if (editing.has(id)) {
      var area = h("textarea", { id: "edit-" + id, rows: 3 });
      area.value = editing.get(id);
      li.appendChild(h("div", { class: "c-edit" }, [
        h("label", { for: "edit-" + id, text: t("edit_label") }),
        area,
        h("div", { class: "c-actions" }, [
          h("button", { type: "button", class: "button button-primary", "data-act": "save", text: t("save") }),
          h("button", { type: "button", class: "button", "data-act": "cancel", text: t("cancel") })
        ])
      ]));
    } else if (live || c.status === "hidden" || c.status === "resolved") {
      var actions = h("div", { class: "c-actions" });
      var away = c.status === "hidden" || c.status === "resolved";
      if (c.status !== "shown") {
        actions.appendChild(h("button", { type: "button", class: "button button-primary", "data-act": "approve",
          "aria-describedby": "ctext-" + id, text: away ? t("show_again") : t("approve") }));
      }
      if (away) {
        actions.appendChild(h("button", { type: "button", class: "button", "data-act": "restore",
          "aria-describedby": "ctext-" + id, text: t("restore") }));
      }
      if (isSafetyHeld(c) && D.is_safety_moderator) {
        Object.keys(OUTCOMES).forEach(function (code) {
          actions.appendChild(h("button", { type: "button", class: "button", "data-act": "resolve",
            "data-outcome": code, "aria-describedby": "ctext-" + id, text: OUTCOMES[code] }));
        });
      }
      if (live) {
        // No reason is chosen for the facilitator: the author and the room see it.
        var select = h("select", { id: "reason-" + id, "data-act-input": "reason" },
          [h("option", { value: "", text: t("choose_reason") })]);
        Object.keys(REASONS).forEach(function (code) {
          select.appendChild(h("option", { value: code, text: REASONS[code] }));
        });
        actions.appendChild(h("span", { class: "c-hide" }, [
          h("label", { for: "reason-" + id, class: "sr-only", text: t("hide_reason") }),
          select,
          h("button", { type: "button", class: "button button-danger", "data-act": "hide",
            "aria-describedby": "ctext-" + id, text: t("hide") })
        ]));
      }
      if (c.status === "shown") {
        actions.appendChild(h("button", { type: "button", class: "button", "data-act": c.pinned ? "unpin" : "pin",
          "aria-describedby": "ctext-" + id, text: c.pinned ? t("unpin") : t("pin") }));
      }
      if (live) {
        actions.appendChild(h("button", { type: "button", class: "button", "data-act": "edit",
          "aria-describedby": "ctext-" + id, text: t("edit") }));
      }
      li.appendChild(actions);
    }
    return li;
  }

  // Rebuilds what changed and keeps keyboard focus where the facilitator was working:
  // on the same control if it still exists, else on the next concern in the list.
  function render() {
    var active = document.activeElement;
    var activeLi = active && active.closest ? active.closest(".c-item") : null;
    var focus = activeLi && {
      id: Number(activeLi.dataset.id),
      elId: active.id,
      act: active.dataset.act,
      index: Array.prototype.indexOf.call(list.children, activeLi),
      caret: active.tagName === "TEXTAREA" ? active.selectionStart : null
    };

    var visible = Array.from(concerns.values()).filter(matches).sort(compare);
    visible.forEach(function (c, index) {
      var li = els.get(c.id);
      if (!li) {
        li = build(c);
        els.set(c.id, li);
      }
      if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null);
    });
    // Whatever was not placed above (stale or filtered out) has drifted to the end.
    while (list.children.length > visible.length) list.removeChild(list.lastChild);
    $("c-empty").hidden = visible.length > 0;

    if (focus && !list.contains(active)) {
      var li = els.get(focus.id);
      var target = null;
      if (li && list.contains(li)) {
        target = (focus.elId && document.getElementById(focus.elId)) ||
          (focus.act && li.querySelector('[data-act="' + focus.act + '"]')) ||
          li.querySelector("button, input, select");
      } else {
        var next = list.children[Math.min(focus.index, list.children.length - 1)];
        target = next ? (focus.act && next.querySelector('[data-act="' + focus.act + '"]')) ||
          next.querySelector("button, input, select") : null;
      }
      (target || $("list-h")).focus();
      if (target && focus.caret !== null && target.tagName === "TEXTAREA") {
        target.selectionStart = target.selectionEnd = focus.caret;
      }
    }
    renderFilterCounts();
    renderBulk();
  }

  // The filters count what they list, by the same rules as the server's counts.
  function renderFilterCounts() {
    var n = { held: 0, safety: 0, shown: 0, hidden: 0, all: concerns.size };
    concerns.forEach(function (c) {
      if (isSafetyHeld(c)) n.safety += 1;
      else if (c.status in n) n[c.status] += 1;
    });
    document.querySelectorAll("[data-fcount]").forEach(function (el) {
      el.textContent = "(" + n[el.dataset.fcount] + ")";
    });
  }

  // Posts held for safety are invisible to other facilitators: say that they exist,
  // who can read them, or that nobody can yet and how to change that.
  function renderSafetyNote() {
    var note = $("safety-note");
    var n = counts.safety_held || 0;
    note.hidden = n === 0;
    if (!n) return;
    var who = D.safety_moderators || [];
    if (D.is_safety_moderator) note.textContent = t("safety_yours", { n: n });
    else if (who.length) note.textContent = t("safety_waiting", { n: n, names: who.join(", ") });
    else note.textContent = t("safety_nobody", { n: n });
  }

  function renderBulk() {
    selected.forEach(function (id) {
      var c = concerns.get(id);
      if (!c || (c.status !== "held" && c.status !== "shown")) selected.delete(id);
    });
    $("bulk").hidden = selected.size === 0;
    $("bulk-count").textContent = t("selected", { n: selected.size });
    var target = $("merge-target");
    var keep = Number(target.value);
    target.textContent = "";
    selected.forEach(function (id) {
      var text = concerns.get(id).text;
      target.appendChild(h("option", { value: id, text: "#" + id + ": " + Array.from(text).slice(0, 60).join("") }));
    });
    if (selected.has(keep)) target.value = String(keep);
  }

  // A "concern" event and an action's ack can overtake each other: a concern older than
  // the one already here is skipped. Without updated_at on either side, it is taken.
  function isOlder(c, have) {
    var a = c.updated_at && Date.parse(c.updated_at);
    var b = have && have.updated_at && Date.parse(have.updated_at);
    return !!(a && b) && a < b;
  }
  function upsert(c) {
    if (!c || isOlder(c, concerns.get(c.id))) return;
    concerns.set(c.id, c);
    els.delete(c.id);
    render();
  }

  // ---- Announcements for screen readers (#c-announce, polite) ---------------------
  var announcer = cg.announcer($("c-announce"), t);
  var announce = announcer.announce;
  var queueNew = announcer.queueNew;

  // ---- Session, prompt and counts ---------------------------------------------------
  function applySession(s) {
    if (session && session.status !== s.status) {
      announce(t("status_now", { status: (T.session_labels || {})[s.status] || s.status }));
    }
    session = s;
    var badge = $("c-status");
    badge.textContent = (T.session_labels || {})[s.status] || s.status;
    badge.className = "badge session-status status-" + s.status;
    var allowed = { draft: ["open", "close"], open: ["pause", "close"], paused: ["resume", "close"], closed: ["reopen"] }[s.status] || [];
    document.querySelectorAll("[data-status]").forEach(function (b) {
      b.hidden = allowed.indexOf(b.dataset.status) < 0;
    });
    $("c-prompt").textContent = s.current_prompt ? s.current_prompt.text : t("no_prompt");
    if (s.prompts) {
      var select = $("prompt-select");
      select.textContent = "";
      s.prompts.forEach(function (p) { select.appendChild(h("option", { value: p.id, text: p.text })); });
    }
    if (s.current_prompt) $("prompt-select").value = String(s.current_prompt.id);
  }

  var counts = {}; // the last Counts shown, so "support" events can add to them
  function applyCounts(next, partial) {
    counts = partial ? Object.assign({}, counts, next) : Object.assign({}, next);
    document.querySelectorAll("[data-count]").forEach(function (el) {
      var v = next[el.dataset.count];
      if (partial && v === undefined) return;
      el.textContent = v === undefined || v === null ? "–" : String(v);
    });
    renderSafetyNote();
  }

  // ---- Events from the page ---------------------------------------------------------
  list.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-act]");
    if (!b) return;
    var li = b.closest(".c-item");
    var id = Number(li.dataset.id);
    var c = concerns.get(id);
    switch (b.dataset.act) {
      case "approve": act("approve", { concern_id: id }, b); break;
      case "hide":
        var reasonEl = li.querySelector("[data-act-input=reason]");
        if (!reasonEl.value) { message(t("pick_reason"), true); reasonEl.focus(); break; }
        if (!window.confirm(t("confirm_hide", { id: id, reason: REASONS[reasonEl.value] }))) break;
        act("hide", { concern_id: id, reason: reasonEl.value }, b);
        break;
      case "restore": act("restore", { concern_id: id }, b); break;
      case "resolve": act("resolve", { concern_id: id, outcome: b.dataset.outcome }, b); break;
      case "pin": act("pin", { concern_id: id, pinned: true }, b); break;
      case "unpin": act("pin", { concern_id: id, pinned: false }, b); break;
      case "reveal":
        var keep = c.redactions.filter(function (r, index) { return index !== Number(b.dataset.index); })
          .map(function (r) { return { start: r.start, end: r.end, kind: r.kind }; });
        act("set_redactions", { concern_id: id, spans: keep }, b);
        break;
      case "edit":
        editing.set(id, c.text);
        els.delete(id);
        render();
        $("edit-" + id).focus();
        break;
      case "cancel":
        editing.delete(id);
        els.delete(id);
        render();
        break;
      case "save":
        var text = $("edit-" + id).value.trim();
        if (!text) { message(t("empty"), true); break; }
        act("edit", { concern_id: id, text: text }, b, function () {
          editing.delete(id);
          els.delete(id);
          render();
        });
        break;
    }
  });
  list.addEventListener("input", function (ev) {
    var m = /^edit-(\d+)$/.exec(ev.target.id || "");
    if (m) editing.set(Number(m[1]), ev.target.value);
  });
  list.addEventListener("change", function (ev) {
    var box = ev.target;
    if (!box.dataset || !box.dataset.select) return;
    var id = Number(box.dataset.select);
    if (box.checked) selected.add(id); else selected.delete(id);
    renderBulk();
  });

  $("merge-button").addEventListener("click", function (ev) {
    var targetId = Number($("merge-target").value);
    var others = Array.from(selected).filter(function (id) { return id !== targetId; });
    if (!targetId || !others.length) return message(t("pick_two"), true);
    act("merge", { target_id: targetId, concern_ids: others }, ev.currentTarget, function () {
      selected.clear();
      els.clear(); // rebuilt, so no checkbox stays ticked (the kept post's included)
      render();
      message(t("merged"));
    });
  });
  $("bulk-clear").addEventListener("click", function () {
    selected.clear();
    els.clear();
    render();
    $("list-h").focus();
  });

  document.querySelectorAll("[data-filter]").forEach(function (b) {
    b.addEventListener("click", function () {
      filter = b.dataset.filter;
      document.querySelectorAll("[data-filter]").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === b));
      });
      render();
    });
  });

  document.querySelectorAll("[data-status]").forEach(function (b) {
    b.addEventListener("click", function () {
      if (b.dataset.status === "close" && !window.confirm(t("confirm_close"))) return;
      if (b.dataset.status === "reopen" && !window.confirm(t("confirm_reopen"))) return;
      act("set_status", { action: b.dataset.status }, b);
    });
  });

  $("prompt-pick").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var value = $("prompt-select").value;
    if (value) act("set_prompt", { prompt_id: Number(value) }, ev.target.querySelector("button"));
  });
  $("prompt-new").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var area = $("prompt-new-text");
    var text = area.value.trim();
    if (!text) { message(t("empty"), true); area.focus(); return; }
    var spanish = $("prompt-new-text-es");
    act("set_prompt", { text: text, text_es: spanish.value.trim() }, ev.target.querySelector("button"),
      function () { area.value = ""; spanish.value = ""; });
  });

  // The key stays the same until the server confirms, so a retry after a lost ack
  // cannot enter the same concern twice.
  var behalfKey = null;
  $("behalf-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var area = $("behalf-text");
    var text = area.value.trim();
    var n = Array.from(text).length;
    if (!n) { message(t("empty"), true); area.focus(); return; }
    if (n > D.text_max) { message(t("too_long", { over: n - D.text_max }), true); area.focus(); return; }
    if (!behalfKey) behalfKey = newKey();
    var promptId = session && session.current_prompt ? session.current_prompt.id : null;
    // On failure the text stays in the box and the message says why (never lost).
    act("post_on_behalf", { client_key: behalfKey, text: text, prompt_id: promptId,
      ui_language: document.documentElement.lang },
      ev.target.querySelector("button"), function (res) {
        behalfKey = null;
        area.value = "";
        var c = res.concern || {};
        message(c.status === "shown" ? t("added_shown")
          : c.safety_kinds && c.safety_kinds.length ? t("added_safety") : t("added_held"));
      });
  });
  $("behalf-text").addEventListener("input", function () { behalfKey = null; });

  // ---- Socket -----------------------------------------------------------------------
  var socket = window.io({ query: cg.route, auth: { role: "facilitator", session_id: D.session_id }, reconnectionDelayMax: 10000 });
  var conn = $("conn");
  cg.watchConnection(socket, conn, t);
  socket.on("snapshot", function (snap) {
    if (snap.session) applySession(snap.session);
    if (snap.counts) applyCounts(snap.counts);
    concerns.clear();
    els.clear();
    (snap.concerns || []).forEach(function (c) { concerns.set(c.id, c); });
    render();
  });
  socket.on("concern", function (c) {
    var isNew = c && !concerns.has(c.id);
    upsert(c);
    if (isNew && c.status === "held") queueNew(c.text);
  });
  socket.on("support", function (d) {
    // One event per "me too" tap; "counts" comes only after posts and moderation.
    if (typeof counts.me_too === "number") applyCounts({ me_too: counts.me_too + 1 }, true);
    var c = concerns.get(d.concern_id);
    if (!c) return;
    c.support = d.support;
    var li = els.get(c.id);
    var el = li && li.querySelector(".c-support");
    if (el) el.textContent = t("support", { n: d.support });
  });
  socket.on("counts", applyCounts);
  socket.on("presence", function (d) { applyCounts({ connected: d.connected }, true); });
  socket.on("session", applySession);
  // This server process lost (or regained) the queue it shares with the others.
  socket.on("live_status", function (d) { $("queue-warning").hidden = !!(d && d.queue_ok); });
})();
