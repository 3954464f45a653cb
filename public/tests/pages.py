"""Checks a public page must pass on a phone, for the browser tests of the public pages."""

import os

PHONE = {"width": 360, "height": 740}

# Every visible form control has a label (or an aria-label).
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
  .filter(el => el.offsetParent !== null && !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.name)"""

# WCAG 2 contrast of each text element against the first opaque background behind it.
LOW_CONTRAST = """() => {
  const lum = c => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const opaque = c => !c.startsWith('rgba') || !/,\\s*0\\)$/.test(c);
  const bg = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
      if (opaque(c)) return c; } return 'rgb(255, 255, 255)'; };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    const a = lum(getComputedStyle(el).color), b = lum(bg(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(el.tagName + ': ' + el.textContent.trim().slice(0, 20) + ' ' + ratio.toFixed(2));
  }
  return bad;
}"""


def check_page(page, shots: str, name: str) -> None:
    """Fits 360 px without sideways scrolling, labels every input, keeps text readable."""
    # A click on a link returns once the navigation starts; measure the new page once it is
    # loaded, not while its document is still being swapped in (no documentElement yet).
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    assert page.evaluate(UNLABELLED) == [], name
    assert page.evaluate(LOW_CONTRAST) == [], name
    page.screenshot(path=os.path.join(shots, f"public-{name}-360.png"), full_page=True)
