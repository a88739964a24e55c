/* Common Ground participant page: progressive enhancement over the server-rendered
 * forms. Posts go through an outbox in localStorage and are resent with the same
 * client_key until the server acknowledges them, so nothing typed is lost to bad Wi-Fi.
 * User text is only ever set with textContent. Contract: docs/protocol.md. */
(function () {
  "use strict";

  var PREFIX = "cg:";
  var memory = {}; // stands in for localStorage when it is unavailable (private mode)

  function load(key, fallback) {
    try {
      var raw = localStorage.getItem(PREFIX + key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return key in memory ? memory[key] : fallback;
    }
  }
  function save(key, value) {
    memory[key] = value;
    try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch (e) { /* memory only */ }
  }

  // Quick exit (the button, or Esc anywhere): leave at once, wipe what this site keeps
  // on the phone, and blank the page so the back button or a tab switcher does not show
  // it. Posts still waiting in the outbox are the one exception: they are handed to the
  // browser to deliver (sendBeacon) and kept until a later visit confirms them, because
  // a resident's words must not be lost to a hurried exit.
  var socket = null;
  var exitLink = document.getElementById("quick-exit");
  function flushOutboxByBeacon(items) {
    var form = document.getElementById("post-form");
    var csrf = form && form.querySelector("input[name=csrf_token]");
    if (!form || !csrf || !navigator.sendBeacon) return;
    items.forEach(function (item) {
      var body = new FormData();
      body.append("csrf_token", csrf.value);
      body.append("beacon", "1"); // the server answers 204, with no flash message left behind
      body.append("client_key", item.client_key);
      body.append("text", item.text);
      if (item.prompt_id) body.append("prompt_id", item.prompt_id);
      try { navigator.sendBeacon(form.action, body); } catch (e) { /* kept in the outbox */ }
    });
  }
  function quickExit() {
    var kept = false;
    try {
      Object.keys(localStorage).forEach(function (k) {
        if (k.indexOf(PREFIX) !== 0) return;
        if (k.indexOf(PREFIX + "outbox:") === 0) {
          var waiting = JSON.parse(localStorage.getItem(k) || "[]");
          if (waiting.length) { flushOutboxByBeacon(waiting); kept = true; return; }
        }
        localStorage.removeItem(k);
      });
    } catch (e) { /* nothing stored */ }
    try {
      Object.keys(sessionStorage).forEach(function (k) {
        if (k.indexOf(PREFIX) === 0) sessionStorage.removeItem(k);
      });
    } catch (e) { /* nothing stored */ }
    if (socket) socket.disconnect();
    document.body.textContent = "";
    // With posts still waiting, the device cookie must stay: the next visit resends them
    // as the same phone, and the server recognises the ones the beacon already delivered.
    window.location.replace(exitLink.href + (kept ? "?keep=1" : ""));
  }
  if (exitLink) {
    exitLink.addEventListener("click", function (ev) {
      ev.preventDefault();
      quickExit();
    });
    // Esc is also how people cancel typing: not while an input method is composing
    // (Chinese, Vietnamese; keyCode 229 is Safari's sign of it), and not in a text field,
    // a select or an open <details>, where Esc keeps its usual meaning.
    document.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape" && ev.key !== "Esc") return;
      if (ev.isComposing || ev.keyCode === 229) return;
      var el = document.activeElement;
      if (el && el.closest && el.closest("textarea, input, select, details[open]")) return;
      quickExit();
    });
  }

  // A post that may be about harm: say plainly where real help is, at once, and open
  // the help panel (the same one as on every screen).
  function showSupportCard() {
    var card = document.getElementById("support-card");
    var help = document.getElementById("help");
    if (card) { card.hidden = false; card.focus(); }
    if (help) help.open = true;
  }

  var dataEl = document.getElementById("cg-data");
  if (!dataEl || typeof window.io !== "function") return; // join page, or no socket client

  var D = JSON.parse(dataEl.textContent);
  var T = JSON.parse(document.getElementById("i18n").textContent);
  var LABELS = T.labels || {};
  var REASONS = T.hide_reasons || {};
  var MAX = D.text_max || 1000;
  var PERMANENT = ["text_empty", "text_too_long", "session_closed", "session_not_found",
    "not_allowed", "bad_payload"];
  var KEYS = {
    outbox: "outbox:" + D.code, mine: "mine:" + D.code,
    draft: "draft:" + D.code, supported: "supported:" + D.code
  };

  var t = cg.translator(T);
  var h = cg.h;
  function $(id) { return document.getElementById(id); }
  function codePoints(s) { return Array.from(s).length; }
  function newKey() {
    var bytes = new Uint8Array(18); // 144 bits -> 24 base64url characters
    window.crypto.getRandomValues(bytes);
    return btoa(String.fromCharCode.apply(null, bytes))
      .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  var form = $("post-form");
  var textarea = $("text");
  var postButton = $("post-button");
  var postStatus = $("post-status");
  var counter = $("counter");
  var mineList = $("mine");
  var concernList = $("concerns");
  var listStatus = $("list-status");
  var conn = $("conn");

  // ---- State -------------------------------------------------------------------
  var session = { status: D.status, moderation_mode: D.moderation_mode, prompt_id: D.prompt_id };
  var outbox = load(KEYS.outbox, []);      // [{client_key, text, prompt_id, tries, next, note}]
  var mine = load(KEYS.mine, []);          // [{id, client_key, text, status, hide_reason, error}]
  var supported = new Set(load(KEYS.supported, []).concat(D.supported_ids || []));
  var concerns = new Map();                // id -> ConcernPublic
  var concernEls = new Map();              // id -> <li>
  var mineEls = new Map();                 // client_key -> <li>
  var haveSnapshot = false;
  var gone = new Set();                    // client_keys this tab saw leave the outbox

  outbox.forEach(function (item) { item.inflight = false; item.next = 0; });
  (D.mine || []).forEach(upsertMine);

  // Two tabs of this page share one stored outbox, and each keeps its own copy in
  // memory. So that neither overwrites the other's posts:
  // - before writing, a tab merges in what is stored: items another tab queued are kept
  //   (and sent from here too; `post` is idempotent per client_key, so a post sent by
  //   both tabs is stored once), except those in `gone`: acked here (or by the other
  //   tab, see below), known to the server, or failed for good. Those never come back.
  // - a `storage` event tells a tab what the other one wrote: new items are taken in;
  //   items that were in the old value and not in the new one were acked (or failed)
  //   there, so they are dropped here. An item is only ever dropped on such positive
  //   evidence, never for merely being absent from storage (a failed write, a full
  //   quota), because a lost post is worse than a resend, which the server ignores.
  function leaveOutbox(key) {
    gone.add(key);
    outbox = outbox.filter(function (o) { return o.client_key !== key; });
  }
  function takeInOutbox(stored) {
    var have = new Set(outbox.map(function (o) { return o.client_key; }));
    (Array.isArray(stored) ? stored : []).forEach(function (s) {
      if (!s || !s.client_key || have.has(s.client_key) || gone.has(s.client_key)) return;
      have.add(s.client_key);
      outbox.push({ client_key: s.client_key, text: s.text, prompt_id: s.prompt_id,
        tries: s.tries || 0, note: s.note, next: 0, inflight: false });
    });
  }
  function saveOutbox() {
    takeInOutbox(load(KEYS.outbox, []));
    save(KEYS.outbox, outbox.map(function (i) {
      return { client_key: i.client_key, text: i.text, prompt_id: i.prompt_id, tries: i.tries, note: i.note };
    }));
  }
  function saveMine() { save(KEYS.mine, mine); }
  function ownIds() {
    var ids = new Set();
    mine.forEach(function (m) { if (m.id) ids.add(m.id); });
    return ids;
  }

  function upsertMine(c) {
    var entry = null;
    for (var i = 0; i < mine.length; i++) {
      if ((c.client_key && mine[i].client_key === c.client_key) || (c.id && mine[i].id === c.id)) {
        entry = mine[i];
        break;
      }
    }
    if (!entry) {
      entry = { client_key: c.client_key, text: c.text || "" };
      mine.unshift(entry);
    }
    ["id", "client_key", "status", "hide_reason"].forEach(function (k) {
      if (c[k] !== undefined) entry[k] = c[k];
    });
    if (c.text) entry.text = c.text;
    entry.error = c.error || null;
    // The server has it (ack lost on the way back): stop resending.
    if (entry.status !== "failed") leaveOutbox(entry.client_key);
    return entry;
  }

  // ---- Announcements -----------------------------------------------------------
  var announcer = cg.announcer($("announce"), t);
  var announce = announcer.announce;
  var queueNew = announcer.queueNew;
  function setPostStatus(msg, isError) {
    postStatus.textContent = msg;
    postStatus.classList.toggle("error", !!isError);
  }

  // ---- Your posts ----------------------------------------------------------------
  function statusText(m) {
    if (m.outbox) return LABELS.sending;
    var label = LABELS[m.status] || m.status;
    if (m.status === "hidden" && m.hide_reason) {
      label += " · " + t("reason", { reason: REASONS[m.hide_reason] || m.hide_reason });
    }
    return label;
  }

  function renderMine() {
    var rows = outbox.map(function (o) {
      return { client_key: o.client_key, text: o.text, outbox: true, note: o.note };
    }).concat(mine.slice().sort(function (a, b) { // unsent ones first, then newest
      return (b.id || 1e15) - (a.id || 1e15);
    }));
    var seen = new Set();
    rows.forEach(function (m, index) {
      seen.add(m.client_key);
      var li = mineEls.get(m.client_key);
      if (!li) {
        li = h("li", {}, [
          h("p", { class: "concern-text", text: m.text }),
          h("p", { class: "mine-status" }, [h("span", { class: "badge" }), h("span", { class: "note" })]),
          h("div", { class: "mine-actions" })
        ]);
        mineEls.set(m.client_key, li);
      }
      li.className = "mine-item status-" + (m.outbox ? "sending" : m.status);
      li.querySelector(".badge").textContent = statusText(m);
      li.querySelector(".note").textContent = m.outbox ? (m.note || "") : (m.error || "");
      var kind = m.status === "failed" ? "failed"
        : (m.id && (m.status === "held" || m.status === "shown")) ? "withdraw" : "";
      if (li.dataset.kind !== kind) {
        li.dataset.kind = kind;
        var actions = li.querySelector(".mine-actions");
        actions.textContent = "";
        if (kind === "withdraw") {
          actions.appendChild(h("details", { class: "confirm" }, [
            h("summary", { text: t("withdraw") }),
            h("p", { text: t("withdraw_q") }),
            h("button", { type: "button", class: "button button-danger", "data-withdraw": m.id, text: t("withdraw_yes") })
          ]));
        } else if (kind === "failed") {
          actions.appendChild(h("button", { type: "button", class: "button", "data-putback": m.client_key, text: t("put_back") }));
          actions.appendChild(h("button", { type: "button", class: "button", "data-remove": m.client_key, text: t("remove") }));
        }
      }
      if (mineList.children[index] !== li) mineList.insertBefore(li, mineList.children[index] || null);
    });
    Array.prototype.slice.call(mineList.children).forEach(function (li) {
      var key = null;
      mineEls.forEach(function (el, k) { if (el === li) key = k; });
      if (key === null || !seen.has(key)) {
        mineList.removeChild(li);
        if (key !== null) mineEls.delete(key);
      }
    });
    $("mine-empty").hidden = rows.length > 0;
  }

  // ---- Concerns on the screen ----------------------------------------------------
  function sortedConcerns() {
    return Array.from(concerns.values()).sort(cg.roomOrder);
  }

  function updateConcernEl(c) {
    var li = concernEls.get(c.id);
    if (!li) {
      li = h("li", { id: "concern-" + c.id }, [
        h("p", { class: "pin-label", text: t("pinned") }),
        h("p", { class: "concern-text", id: "ct-" + c.id }),
        h("div", { class: "concern-foot" }, [h("span", { class: "support-count" }), h("span", { class: "concern-action" })])
      ]);
      concernEls.set(c.id, li);
    }
    li.className = "concern" + (c.pinned ? " pinned" : "");
    li.querySelector(".pin-label").hidden = !c.pinned;
    var textEl = li.querySelector(".concern-text");
    textEl.textContent = c.text;
    if (c.language) textEl.lang = c.language;
    li.querySelector(".support-count").textContent = t("count", { n: c.support || 0 });
    var state = ownIds().has(c.id) ? "yours" : supported.has(c.id) ? "supported" : "button";
    var slot = li.querySelector(".concern-action");
    if (slot.dataset.state !== state) {
      slot.dataset.state = state;
      slot.textContent = "";
      slot.appendChild(state === "button"
        ? h("button", { type: "button", class: "button me-too", "data-support": c.id, "aria-describedby": "ct-" + c.id, text: t("me_too") })
        : h("span", { class: state === "yours" ? "tag" : "tag tag-done", text: t(state) }));
    }
    return li;
  }

  function renderConcerns() {
    if (!haveSnapshot) return; // keep the server-rendered list until we know better
    var list = sortedConcerns();
    list.forEach(function (c, index) {
      var li = updateConcernEl(c);
      if (concernList.children[index] !== li) concernList.insertBefore(li, concernList.children[index] || null);
    });
    while (concernList.children.length > list.length) concernList.removeChild(concernList.lastChild);
    $("concerns-empty").hidden = list.length > 0;
  }

  function removeConcern(id) {
    concerns.delete(id);
    var li = concernEls.get(id);
    if (li && li.parentNode) li.parentNode.removeChild(li);
    concernEls.delete(id);
    renderConcerns();
  }

  // ---- Session state -------------------------------------------------------------
  function applySession(s) {
    var wasOpen = session.status === "open";
    session = { status: s.status, moderation_mode: s.moderation_mode,
      prompt_id: s.current_prompt ? s.current_prompt.id : null };
    // Every text the facilitator wrote, in the page's language when there is a version in it.
    var es = document.documentElement.lang === "es";
    function inPageLanguage(name) { return (es && s[name + "_es"]) || s[name] || ""; }
    if (s.title) $("s-title").textContent = inPageLanguage("title");
    if ($("s-purpose") && s.purpose) $("s-purpose").textContent = inPageLanguage("purpose");
    if ($("s-rules") && s.ground_rules) $("s-rules").textContent = inPageLanguage("ground_rules");
    var promptEl = $("prompt-text");
    var p = s.current_prompt;
    promptEl.textContent = p ? ((es && p.text_es) || p.text) : "";
    promptEl.hidden = !s.current_prompt;
    $("prompt-id").value = session.prompt_id === null ? "" : session.prompt_id;
    showStatus(s.status);
    if (s.status === "open" && !wasOpen) retryNow();
  }
  function showStatus(status) {
    var banner = $("status-banner");
    banner.className = "banner banner-" + status;
    banner.textContent = (T.status_msgs || {})[status] || "";
    banner.hidden = status === "open";
    postButton.disabled = status !== "open";
  }

  // ---- Outbox --------------------------------------------------------------------
  function retryNow() {
    outbox.forEach(function (item) { item.next = 0; });
    flush();
  }

  // At most this many posts wait for their ack at once; each ack sends the next one.
  // Over long-polling, Engine.IO refuses a request carrying more than 16 packets, and a
  // phone that queued thirty posts offline would otherwise send them in one request.
  var IN_FLIGHT = 8;

  function flush() {
    if (!socket || !socket.connected) return;
    var now = Date.now();
    var busy = outbox.filter(function (item) { return item.inflight; }).length;
    outbox.forEach(function (item) {
      if (busy < IN_FLIGHT && !item.inflight && (item.next || 0) <= now) {
        busy += 1;
        send(item);
      }
    });
  }

  function send(item) {
    item.inflight = true;
    socket.timeout(10000).emit("post",
      // ui_language: the post's language when it is too short to detect (docs/protocol.md).
      { client_key: item.client_key, text: item.text, prompt_id: item.prompt_id,
        ui_language: document.documentElement.lang },
      function (err, res) {
        item.inflight = false;
        if (outbox.indexOf(item) < 0) return;
        var e = (!err && res && res.error) || {};
        if (!err && res && res.ok) {
          leaveOutbox(item.client_key);
          var c = res.concern || {};
          upsertMine({ id: c.id, client_key: item.client_key, text: item.text, status: c.status || "received" });
          setPostStatus(c.status === "shown" ? t("got_shown") : t("got_held"));
          if (res.support_card) showSupportCard();
        } else if (e.code === "key_taken") {
          // Stored already, under another device token (the cookie changed while the post
          // waited): delivered, though the server will not tell this phone its id.
          leaveOutbox(item.client_key);
          upsertMine({ client_key: item.client_key, text: item.text, status: "received" });
          setPostStatus(LABELS.received || t("got_held"));
        } else {
          if (PERMANENT.indexOf(e.code) >= 0) {
            leaveOutbox(item.client_key);
            upsertMine({ client_key: item.client_key, text: item.text, status: "failed", error: e.message || t("try_again") });
            setPostStatus(t("failed"), true);
          } else {
            item.tries = (item.tries || 0) + 1;
            var delay = Math.min(60000, 2000 * Math.pow(2, Math.min(item.tries, 5)));
            item.next = Date.now() + delay * (0.75 + Math.random() / 2);
            item.note = e.code === "session_paused" ? t("wait_paused")
              : e.code === "rate_limited" ? t("wait_rate") : (e.message || t("wait_retry"));
          }
        }
        saveOutbox();
        saveMine();
        renderMine();
        renderConcerns();
        flush(); // the next waiting post, if any
      });
  }

  function queuePost() {
    var text = textarea.value.trim();
    var n = codePoints(text);
    if (!n) return fieldError(t("empty"));
    if (n > MAX) return fieldError(t("too_long", { over: n - MAX }));
    if (session.status !== "open") return fieldError((T.status_msgs || {})[session.status] || t("closed"));
    textarea.removeAttribute("aria-invalid");
    outbox.push({ client_key: newKey(), text: text, prompt_id: session.prompt_id, tries: 0, next: 0 });
    saveOutbox(); // saved before anything is sent
    textarea.value = "";
    save(KEYS.draft, "");
    updateCounter();
    renderMine();
    setPostStatus(socket.connected ? t("sending") : t("offline"));
    flush();
  }

  function fieldError(msg) {
    textarea.setAttribute("aria-invalid", "true");
    setPostStatus(msg, true);
    textarea.focus();
  }

  function updateCounter() {
    var n = codePoints(textarea.value.trim());
    var over = n > MAX;
    counter.textContent = over ? t("too_long", { over: n - MAX }) : t("counter", { used: n, max: MAX });
    counter.classList.toggle("over", over);
  }

  // ---- Actions -------------------------------------------------------------------
  function support(id, button) {
    if (!socket.connected) return false; // let the plain form post it
    if (button.getAttribute("aria-disabled") === "true") return true;
    button.setAttribute("aria-disabled", "true");
    socket.timeout(10000).emit("support", { concern_id: id }, function (err, res) {
      var code = !err && res && res.error && res.error.code;
      if (!err && res && (res.ok || code === "already_supported")) {
        supported.add(id);
        save(KEYS.supported, Array.from(supported));
        var c = concerns.get(id);
        if (c && typeof res.support === "number") c.support = res.support;
        if (c && haveSnapshot) {
          updateConcernEl(c);
        } else { // still the server-rendered list: swap the form for the label
          var holder = button.closest("form") || button;
          holder.parentNode.replaceChild(h("span", { class: "tag tag-done", text: t("supported") }), holder);
        }
        listStatus.textContent = t("supported");
      } else {
        button.removeAttribute("aria-disabled");
        listStatus.textContent = (res && res.error && res.error.message) || t("try_again");
      }
    });
    return true;
  }

  function withdraw(id, control) {
    if (!socket.connected) return false;
    socket.timeout(10000).emit("withdraw", { concern_id: id }, function (err, res) {
      if (!err && res && res.ok) {
        var entry = mine.filter(function (m) { return m.id === id; })[0];
        if (entry) entry.status = "withdrawn";
        saveMine();
        renderMine();
        removeConcern(id);
        setPostStatus(t("withdrawn"));
      } else {
        setPostStatus((res && res.error && res.error.message) || t("try_again"), true);
        if (control.focus) control.focus();
      }
    });
    return true;
  }

  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (f === form) {
      ev.preventDefault();
      queuePost();
    } else if (f.dataset.support) {
      if (support(Number(f.dataset.support), f.querySelector("button"))) ev.preventDefault();
    } else if (f.dataset.withdraw) {
      if (withdraw(Number(f.dataset.withdraw), f.querySelector("button"))) ev.preventDefault();
    }
  });

  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button");
    if (!b || b.type === "submit") return;
    if (b.dataset.support) {
      if (!support(Number(b.dataset.support), b)) listStatus.textContent = t("reconnecting");
    } else if (b.dataset.withdraw) {
      if (!withdraw(Number(b.dataset.withdraw), b)) setPostStatus(t("reconnecting"), true);
    } else if (b.dataset.putback || b.dataset.remove) {
      var key = b.dataset.putback || b.dataset.remove;
      var entry = mine.filter(function (m) { return m.client_key === key; })[0];
      if (entry && b.dataset.putback) {
        // Append rather than overwrite: never throw away what is already in the box.
        textarea.value = textarea.value.trim() ? textarea.value + "\n\n" + entry.text : entry.text;
        save(KEYS.draft, textarea.value);
        updateCounter();
      }
      mine = mine.filter(function (m) { return m.client_key !== key; });
      saveMine();
      renderMine();
      if (b.dataset.putback) textarea.focus();
      else setPostStatus("");
    }
  });

  // Draft: kept on the phone so a reload, a crash or a locked screen loses nothing.
  var draft = load(KEYS.draft, "");
  if (draft && !textarea.value) textarea.value = draft;
  textarea.addEventListener("input", function () {
    save(KEYS.draft, textarea.value);
    updateCounter();
    if (textarea.getAttribute("aria-invalid")) textarea.removeAttribute("aria-invalid");
  });
  updateCounter();

  // The first JS render of "your posts" replaces the server-rendered rows.
  mineList.textContent = "";
  renderMine();
  saveOutbox(); // without what the server already has (D.mine), before any quick exit

  // ---- Socket --------------------------------------------------------------------
  socket = window.io({ query: cg.route, auth: { role: "participant", code: D.code }, reconnectionDelayMax: 10000 });

  function showConn(msg) {
    conn.textContent = msg || "";
    conn.hidden = !msg;
  }

  socket.on("connect", function () {
    showConn("");
    // Name the posts this phone knows, so the server checks only those.
    var claimed = mine.filter(function (m) { return m.id; })
      .map(function (m) { return { id: m.id, client_key: m.client_key }; });
    socket.timeout(10000).emit("mine", { concerns: claimed }, function (err, res) {
      if (err || !res || !res.ok) return;
      (res.concerns || []).forEach(upsertMine);
      saveOutbox();
      saveMine();
      renderMine();
      renderConcerns();
    });
    retryNow();
  });
  socket.on("disconnect", function () { showConn(t("reconnecting")); });
  // A refusal by the server is not retried by the client library: we decide.
  var stopped = false; // the session is gone: no more connection attempts
  var RELOADED = PREFIX + "reloaded:" + D.code;
  function reloadOnce() {
    // Loading the page sets the device cookie. Once a minute at most: if the browser
    // does not keep cookies, reloading again would only loop.
    try {
      var last = Number(sessionStorage.getItem(RELOADED)) || 0;
      if (Date.now() - last < 60000) return false;
      sessionStorage.setItem(RELOADED, String(Date.now()));
    } catch (e) { return false; } // no way to guard against a loop: leave it to the person
    window.location.reload();
    return true;
  }
  socket.on("connect_error", function (err) {
    var data = err && err.data;
    var code = data && data.code;
    if (socket.active) return showConn(t("reconnecting")); // a network error: the library retries
    if (code === "session_closed" || code === "session_not_found") {
      stopped = true; // final: a reload renders whatever the server has now
      if (code === "session_closed") {
        session.status = "closed";
        showStatus("closed");
        return showConn("");
      }
    }
    if (code === "no_device" && reloadOnce()) return;
    showConn((data && data.message) || t("reconnecting"));
    if (!stopped && code !== "no_device") {
      setTimeout(function () { if (!socket.connected) socket.connect(); }, 15000);
    }
  });

  var moderationEl = document.getElementById("moderation-note");
  socket.on("snapshot", function (snap) {
    if (snap.session) applySession(snap.session);
    cg.moderationNote(moderationEl, snap.moderation);
    concerns.clear();
    (snap.concerns || []).forEach(function (c) { concerns.set(c.id, c); });
    if (!haveSnapshot) {
      haveSnapshot = true;
      concernList.textContent = "";
    }
    renderConcerns();
  });
  // Concern changes arrive batched: the latest state of each, or its id to remove.
  socket.on("concerns", function (d) {
    if (d.moderation) cg.moderationNote(moderationEl, d.moderation);
    var mine = ownIds();
    (d.upsert || []).forEach(function (c) {
      if (!concerns.has(c.id) && !mine.has(c.id)) queueNew(c.text);
      concerns.set(c.id, c);
    });
    (d.remove || []).forEach(removeConcern);
    renderConcerns();
  });
  socket.on("tallies", function (d) {
    Object.keys(d.support || {}).forEach(function (id) {
      var c = concerns.get(Number(id));
      if (c) {
        c.support = d.support[id];
        if (haveSnapshot) updateConcernEl(c);
      }
    });
  });
  socket.on("session", applySession);
  socket.on("my_concern", function (c) {
    var entry = upsertMine(c);
    saveMine();
    renderMine();
    renderConcerns();
    announce(t("my_update", { status: statusText(entry) }));
  });

  // The other tab wrote its outbox or its list of posts (see saveOutbox above).
  function parsed(raw) {
    try { var v = JSON.parse(raw || "[]"); return Array.isArray(v) ? v : []; } catch (e) { return []; }
  }
  window.addEventListener("storage", function (ev) {
    if (ev.key === PREFIX + KEYS.outbox) {
      var now = new Set(parsed(ev.newValue).map(function (o) { return o && o.client_key; }));
      parsed(ev.oldValue).forEach(function (o) {
        if (o && o.client_key && !now.has(o.client_key)) leaveOutbox(o.client_key);
      });
      takeInOutbox(parsed(ev.newValue));
      renderMine();
      flush();
    } else if (ev.key === PREFIX + KEYS.mine) {
      var known = new Set(mine.map(function (m) { return m.client_key; }));
      parsed(ev.newValue).forEach(function (m) {
        if (m && m.client_key && !known.has(m.client_key)) upsertMine(m);
      });
      renderMine();
      renderConcerns();
    }
  });

  setInterval(flush, 3000);
  window.addEventListener("online", function () { if (!stopped && !socket.connected) socket.connect(); });
  document.addEventListener("visibilitychange", function () {
    if (!stopped && !document.hidden && !socket.connected) socket.connect();
  });
})();
