/* Common Ground themes: "Find themes" with live progress, review edits, approval and the
 * projector switch, on the console and on the themes page. Every action is an event with
 * an ack (docs/protocol.md); a "theme_run" broadcast (anyone's edit) redraws the themes
 * page from the server, once this facilitator is not in the middle of an edit. Text is set with textContent only. */
(function () {
  "use strict";

  var dataEl = document.getElementById("t-data");
  if (!dataEl || typeof window.io !== "function") return;
  var D = JSON.parse(dataEl.textContent);
  var T = JSON.parse(document.getElementById("t-i18n").textContent);
  var t = cg.translator(T);
  function $(id) { return document.getElementById(id); }

  var msg = $("t-message");
  var jobBox = $("t-job");
  var progress = $("t-progress");
  var stage = $("t-stage");
  var findButton = $("t-find");
  var runId = D.run_id || null;
  var lastStatus = D.job ? D.job.status : null;

  function message(text, isError) {
    msg.textContent = text || "";
    msg.classList.toggle("error", !!isError);
  }

  var socket = window.io({ auth: { role: "facilitator", session_id: D.session_id } });
  var conn = $("conn");
  if (conn && D.page === "themes") cg.watchConnection(socket, conn, t);

  function send(event, payload, then) {
    socket.emit(event, payload || {}, function (ack) {
      if (!ack || !ack.ok) {
        message(ack && ack.error ? ack.error.message : "", true);
        return;
      }
      message("");
      if (then) then(ack);
    });
  }

  function showJob(job) {
    if (!job) { jobBox.hidden = true; return; }
    runId = job.run_id;
    var active = job.status === "queued" || job.status === "running";
    jobBox.hidden = !active;
    findButton.setAttribute("aria-disabled", active ? "true" : "false");
    var name = (T.stages || {})[job.stage] || job.stage;
    var percent = Math.round(100 * (job.progress || 0));
    stage.textContent = t("progress", { stage: name, percent: percent });
    progress.value = job.progress || 0;
    if (job.status === "failed") message(t("failed", { error: runError(job.error) }), true);
    else if (job.status === "cancelled") message(t("cancelled"));
    else if (job.status === "done" && lastStatus && lastStatus !== "done") {
      message(t("done"));
      if (D.page === "themes") window.location.assign(themesUrl(job.run_id));
    }
    lastStatus = job.status;
  }

  // A run's stored error is a code, then ":detail" for some (RunError in
  // theme_models.py); labels.run_error_message does the same for server-rendered pages.
  function runError(error) {
    var text = String(error || "");
    var cut = text.indexOf(":");
    var code = cut < 0 ? text : text.slice(0, cut);
    var template = (T.run_errors || {})[code];
    if (!template) return text;
    return template.replace("%(detail)s", cut < 0 ? "" : text.slice(cut + 1));
  }

  function themesUrl(id) {
    return window.location.pathname.replace(/\/sessions\/(\d+).*$/, "/sessions/$1/themes/" + id);
  }

  socket.on("connect", function () {
    send("theme_run", { run_id: D.page === "themes" ? runId : null }, function (ack) {
      if (ack.run) showJob(ack.run);
    });
  });
  socket.on("snapshot", function (snap) { if (snap.theme_job) showJob(snap.theme_job); });
  socket.on("theme_job", showJob);
  socket.on("theme_run", function (run) {
    if (D.page === "themes" && run.run_id === D.run_id) reloadUnlessEditing();
  });

  // Someone else's edit redraws the page from the server, but never under a
  // facilitator's fingers: while a field here is focused or changed and not yet sent,
  // the reload waits (with a note) until the field is left unchanged or sent.
  var reloadWaiting = false;
  function changed(el) {
    if (el.type === "checkbox") return el.checked !== el.defaultChecked;
    if (el.tagName === "SELECT") {  // unchanged: the option the page was drawn with
      var drawn = 0;
      for (var i = 0; i < el.options.length; i++) if (el.options[i].defaultSelected) { drawn = i; break; }
      return el.selectedIndex !== drawn;
    }
    return el.value !== el.defaultValue;
  }
  function editing() {
    var active = document.activeElement;
    if (active && active.closest && active.closest("form.theme-edit") &&
        (active.tagName === "TEXTAREA" || (active.tagName === "INPUT" && active.type !== "checkbox"))) return true;
    var fields = document.querySelectorAll(
      "form.theme-edit input, form.theme-edit textarea, form.theme-edit select, input[data-split]");
    return Array.prototype.some.call(fields, changed);
  }
  function reloadUnlessEditing() {
    if (!editing()) { window.location.reload(); return; }
    if (!reloadWaiting) message(t("changed_elsewhere"));
    reloadWaiting = true;
  }
  document.addEventListener("focusout", function () {
    // After the focus has moved: a field left unchanged lets the waiting reload happen.
    if (reloadWaiting) window.setTimeout(function () { if (!editing()) window.location.reload(); }, 0);
  });

  findButton.addEventListener("click", function () {
    if (findButton.getAttribute("aria-disabled") === "true") return;
    send("find_themes", {}, function (ack) { showJob(ack.job); });
  });
  $("t-cancel").addEventListener("click", function () {
    if (runId) send("cancel_themes", { run_id: runId }, function (ack) { showJob(ack.job); });
  });
  $("t-show").addEventListener("click", function () {
    send("display_themes", { run_id: D.run_id || runId });
  });
  $("t-live").addEventListener("click", function () {
    send("display_themes", { run_id: null });
  });

  // A member's link from the themes page (#concern-17): show the room's concerns on the
  // console and bring that one into view once console.js has drawn it.
  var linked = D.page === "console" && /^#concern-(\d+)$/.exec(window.location.hash);
  if (linked) {
    var shownFilter = document.querySelector('[data-filter="all"]');
    var tries = 0;
    var timer = window.setInterval(function () {
      var target = $("ctext-" + linked[1]);
      if (!target && shownFilter && tries === 2) shownFilter.click();
      if (target || ++tries > 40) {
        window.clearInterval(timer);
        if (target) {
          var item = target.closest("li") || target;
          item.scrollIntoView({ block: "center" });
          item.classList.add("linked");
        }
      }
    }, 250);
  }

  if (D.page !== "themes" || !D.run_id) return;

  // ---- Review edits (themes page) ---------------------------------------------------
  function edit(payload) {
    payload.run_id = D.run_id;
    send("edit_theme", payload, function () { window.location.reload(); });
  }
  document.querySelectorAll("form.theme-edit").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var themeId = Number(form.dataset.theme);
      var action = form.dataset.action;
      var f = form.elements;
      if (action === "rename") edit({ action: action, theme_id: themeId, label: f.label.value, summary: f.summary.value });
      else if (action === "category") edit({ action: action, theme_id: themeId, category: f.category.value || null });
      else if (action === "quote") edit({ action: action, theme_id: themeId, quote: f.quote.value });
      else if (action === "merge") edit({ action: action, theme_id: themeId, other_id: Number(f.other_id.value) });
      else if (action === "split") {
        var picked = [], rest = [];
        document.querySelectorAll('input[data-split="' + themeId + '"]').forEach(function (box) {
          (box.checked ? picked : rest).push(Number(box.value));
        });
        edit({ action: action, theme_id: themeId, groups: [rest, picked] });
      }
    });
  });
  document.querySelectorAll("select[data-move]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (!select.value) return;
      edit({ action: "move", concern_id: Number(select.dataset.move),
             theme_id: select.value === "other" ? null : Number(select.value) });
    });
  });
  // The app proposes a split; the facilitator sees it as ticks and can change them.
  document.querySelectorAll("[data-propose]").forEach(function (button) {
    button.addEventListener("click", function () {
      var themeId = Number(button.dataset.propose);
      send("propose_split", { run_id: D.run_id, theme_id: themeId }, function (ack) {
        if (!ack.groups.length) { message(t("no_split")); return; }
        var second = new Set(ack.groups.slice(1).reduce(function (a, g) { return a.concat(g); }, []));
        document.querySelectorAll('input[data-split="' + themeId + '"]').forEach(function (box) {
          box.checked = second.has(Number(box.value));
        });
        message(t("split_proposed"));
      });
    });
  });
  var approve = document.querySelector("[data-approve]");
  if (approve) approve.addEventListener("click", function () {
    send("approve_themes", { run_id: D.run_id, revision: Number(approve.dataset.approve) },
      function () { window.location.reload(); });
  });
  var discard = document.querySelector("[data-discard]");
  if (discard) discard.addEventListener("click", function () {
    if (window.confirm(t("confirm_discard"))) {
      send("discard_themes", { run_id: D.run_id }, function () { window.location.reload(); });
    }
  });
})();
