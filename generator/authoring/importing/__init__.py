"""Reading a clipped article, whatever the outlet: page text, a saved HTML page or a
Markdown web clip (``formats.read_clipping``), or a URL fetched first (``fetch``).

No rule here names an outlet. Lines are classified by general rules
(``furniture``, ``bylines``, ``stamps``), the headline is found by scoring
(``textclip``), HTML is read by trafilatura with the page's own metadata first
(``htmlpage``), and web clips map their front matter (``webclip``).
"""
