/* The quick-exit page. The session page replaced itself with this one
 * (location.replace), so nothing in history leads back to the session; one more entry of
 * this same page means a first press of Back also shows it, not the browser's blank
 * about:blank (which looks like something was hidden). */
(function () {
  "use strict";
  if (window.history && window.history.pushState && !window.history.state) {
    window.history.replaceState({ neutral: 1 }, "");
    window.history.pushState({ neutral: 2 }, "");
  }
})();
