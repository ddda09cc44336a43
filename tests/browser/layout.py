"""Measuring a page's layout in the browser: where its text is drawn."""
from __future__ import annotations

# Every run of visible text on the page as its rectangles on screen (one per line it wraps to),
# cut to what the boxes that clip it (overflow other than visible) let show. Then every two runs of
# different text nodes whose rectangles intersect by more than a pixel each way.
OVERLAPPING_TEXT = """
() => {
  const runs = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const clipOf = (element) => {
    let box = null;
    for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) return "hidden";
      if (style.overflowX !== "visible" || style.overflowY !== "visible" || style.clip !== "auto") {
        const r = node.getBoundingClientRect();
        box = box ? {left: Math.max(box.left, r.left), top: Math.max(box.top, r.top),
                     right: Math.min(box.right, r.right), bottom: Math.min(box.bottom, r.bottom)}
                  : {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
      }
    }
    return box;
  };
  for (let node = walker.nextNode(), index = 0; node; node = walker.nextNode(), index++) {
    if (!node.textContent.trim()) continue;
    const clip = clipOf(node.parentElement);
    if (clip === "hidden") continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      let box = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
      if (clip) box = {left: Math.max(box.left, clip.left), top: Math.max(box.top, clip.top),
                       right: Math.min(box.right, clip.right), bottom: Math.min(box.bottom, clip.bottom)};
      if (box.right - box.left > 1 && box.bottom - box.top > 1) runs.push({index, text: node.textContent.trim(), ...box});
    }
  }
  runs.sort((a, b) => a.top - b.top);
  const found = [];
  for (let i = 0; i < runs.length; i++) {
    const a = runs[i];
    for (let j = i + 1; j < runs.length && runs[j].top < a.bottom - 1; j++) {
      const b = runs[j];
      if (a.index === b.index) continue;
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (wide > 1 && high > 1) found.push(`"${a.text.slice(0, 40)}" overlaps "${b.text.slice(0, 40)}"`);
    }
  }
  return found;
}
"""

# Whether the page scrolls sideways: [content width, window width].
PAGE_WIDTHS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
