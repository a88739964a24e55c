/* Shared by the participant page and the display: the public line saying how many
 * posts wait for review or were not shown, and why. Strings come from the page's
 * #cg-moderation JSON block; text is set with textContent only. */
(function () {
  "use strict";
  var stringsEl = document.getElementById("cg-moderation");
  var S = stringsEl ? JSON.parse(stringsEl.textContent) : null;

  function fill(s, n) { return s.replace("%(n)s", String(n)); }

  window.cgModerationNote = function (el, summary) {
    if (!el || !S || !summary) return;
    var parts = [];
    if (summary.held) parts.push(fill(S.held, summary.held));
    if (summary.hidden) {
      var why = Object.keys(summary.hidden_reasons || {}).map(function (code) {
        return (S.reasons[code] || code) + " (" + summary.hidden_reasons[code] + ")";
      });
      parts.push(fill(S.hidden, summary.hidden) + (why.length ? ": " + why.join(", ") : ""));
    }
    el.textContent = parts.join(" · ");
  };
})();
