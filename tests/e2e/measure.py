"""What the phone-first e2e checks measure, shared by every test that measures a page.

Layout shift (a PerformanceObserver installed before any page script, scored the way
Core Web Vitals scores it), tap-target sizes, and the wait until a page has settled.
"""

from __future__ import annotations

from playwright.sync_api import Page

PHONE = {"width": 360, "height": 740}
CLS_LIMIT = 0.1
# How long a settled page is watched for late shifts.
SETTLE_MS = 1500

# Installed before any page script: collects layout shifts from the very first paint.
CLS_OBSERVER = """
(() => {
  const describe = (node) => {
    if (!node || node.nodeType !== 1) { return node ? node.nodeName : '?'; }
    const cls = node.classList.length ? '.' + [...node.classList].join('.') : '';
    return node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + cls;
  };
  window.__pcShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) { continue; }
      window.__pcShifts.push({
        value: entry.value, at: entry.startTime,
        sources: (entry.sources || []).map((s) => describe(s.node)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();
"""

# CLS as Core Web Vitals computes it: shifts less than 1 s apart, within 5 s, form a
# session window; the score is the largest window.
CLS_SCORE = """
() => {
  let best = 0, current = 0, first = 0, last = 0, worst = [];
  let sources = [];
  for (const shift of window.__pcShifts) {
    if (current && shift.at - last < 1000 && shift.at - first < 5000) {
      current += shift.value; sources.push(...shift.sources);
    } else {
      current = shift.value; first = shift.at; sources = [...shift.sources];
    }
    last = shift.at;
    if (current > best) { best = current; worst = [...sources]; }
  }
  return { score: best, sources: [...new Set(worst)] };
}
"""

# Every visible link and button (and what acts as one) smaller than 24 x 24 px, unless it
# is a link inside running text (a paragraph or list item with words around it); and
# every row and button lower than 44 px.
TAP_TARGETS = """
() => {
  const describe = (el) => {
    const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
    const text = (el.innerText || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' "' + text + '"';
  };
  const visible = (el, r) => {
    if (r.width === 0 || r.height === 0) { return false; }
    if (r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth) { return false; }  // parked off-screen (skip link)
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && !el.closest('[hidden], [aria-hidden=true]');
  };
  const inRunningText = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') { return false; }
    const block = el.closest('p, li, dd, td, blockquote, figcaption');
    if (!block) { return false; }
    const around = block.innerText.replace(el.innerText, '').replace(/[\\s\\p{P}]+/gu, '');
    return around.length > 0;
  };
  const small = [], low = [];
  const targets = 'a[href], button, [role=button], [role=switch], [role=link], select, summary, input:not([type=hidden])';
  for (const el of document.querySelectorAll(targets)) {
    const r = el.getBoundingClientRect();
    if (!visible(el, r)) { continue; }
    const size = Math.round(r.width) + 'x' + Math.round(r.height);
    if ((r.width < 23.5 || r.height < 23.5) && !inRunningText(el)) { small.push(describe(el) + ' ' + size); }
  }
  for (const el of document.querySelectorAll('.row, .button, button, [role=switch]')) {
    const r = el.getBoundingClientRect();
    if (visible(el, r) && r.height < 43.5) { low.push(describe(el) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height)); }
  }
  return { small, low };
}
"""


def settle(page: Page) -> None:
    """Hydrated, nothing loading any more, then a while for anything late."""
    page.wait_for_function("() => window.__reflex !== undefined", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[aria-busy=true], .skeleton')", timeout=30_000)
    page.wait_for_timeout(SETTLE_MS)
