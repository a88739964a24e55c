"""Accessibility checks for the browser tests: axe-core, target sizes and reflow.

axe-core is never vendored into ``static/`` (it must not be served to anyone). CI installs
it outside the package with ``npm install --no-save --prefix .ci/node axe-core@4``; set
``AXE_JS`` to use another copy. Pages that inject it need a context opened with
``bypass_csp=True``: the app's Content-Security-Policy rightly refuses inline scripts.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from facilitator import ROOT
from tests.browser.conftest import missing

AXE_CANDIDATES = [
    Path(os.environ["AXE_JS"]) if os.environ.get("AXE_JS") else None,
    ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}
MIN_TARGET = 24  # CSS px, WCAG 2.2 SC 2.5.8 Target Size (Minimum)


def axe_path() -> Path | None:
    """The axe.min.js that CI installed, or None."""
    return next((p for p in AXE_CANDIDATES if p is not None and p.is_file()), None)


def require_axe() -> Path:
    path = axe_path()
    if path is None:
        missing(
            "axe-core not installed: run "
            "`npm install --no-save --prefix .ci/node axe-core@4` (or set AXE_JS)"
        )
    assert path is not None
    return path


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; return every violation with serious or critical impact."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(require_axe()))
    result = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
             .then(r => r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
               nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                         summary: n.failureSummary}))})))""",
        WCAG_TAGS,
    )
    return [v for v in result if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    """Violations as a readable report, one rule then each failing element."""
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:10]:
            summary = (node["summary"] or "").replace("\n", "\n        ")
            lines.append(f"    at {node['target']}\n        {summary}")
    return "\n".join(lines)


def assert_accessible(page: Any, name: str) -> None:
    """Fail on any serious or critical axe-core violation (WCAG 2.0-2.2 A and AA rules)."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {name} ({page.url}):\n{describe(violations)}"


# Interactive elements, except links inside a sentence (SC 2.5.8's inline exception).
SMALL_TARGETS_JS = """min => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"])';
  const inSentence = el => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const block = el.parentElement;
    return Array.from(block.childNodes).some(
      n => n !== el && n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  };
  return Array.from(document.querySelectorAll(selector))
    .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
    .filter(el => !inSentence(el))
    .map(el => ({el, box: el.getBoundingClientRect()}))
    .filter(({box}) => box.width < min - 0.01 || box.height < min - 0.01)
    .map(({el, box}) => `${el.outerHTML.slice(0, 120)} is ${box.width.toFixed(1)}`
      + `x${box.height.toFixed(1)} px`);
}"""


def small_targets(page: Any) -> list[str]:
    """Visible interactive elements smaller than 24x24 CSS px, described."""
    return page.evaluate(SMALL_TARGETS_JS, MIN_TARGET)


def horizontal_overflow(page: Any) -> int:
    """How many CSS px the page scrolls sideways (0 when it reflows)."""
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def too_wide(page: Any) -> list[str]:
    """The innermost elements that stick out past the right edge of the viewport."""
    return page.evaluate(
        """() => {
          const edge = document.documentElement.clientWidth;
          const wide = Array.from(document.body.querySelectorAll('*')).filter(el => {
            const r = el.getBoundingClientRect();
            return r.width && r.right > edge + 0.5;
          });
          return wide.filter(el => !wide.some(o => o !== el && el.contains(o)))
            .slice(0, 8)
            .map(el => `${el.outerHTML.slice(0, 100)} ends at `
              + `${el.getBoundingClientRect().right.toFixed(0)} px`);
        }"""
    )


def focus_is_visible(page: Any) -> bool:
    """Whether the focused element draws a focus indicator (an outline or a ring)."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          if (!el || el === document.body) return false;
          const style = getComputedStyle(el);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return outline || (style.boxShadow && style.boxShadow !== 'none');
        }"""
    )
