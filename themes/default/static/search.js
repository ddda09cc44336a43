/*
 * The search box in every page's header, with its results in a panel over the page.
 *
 * The box itself is built at once (a label and an input in <div id="search">);
 * Pagefind's search engine (pagefind/pagefind.js, its WebAssembly and the index)
 * is loaded only when the box gets the focus or is typed into. Results are
 * links with Pagefind's excerpt, in a panel that opens below the box and over
 * the page, so nothing on the page moves. Escape or a click elsewhere closes it.
 * The index comes in shards (pagefind/shards.json lists those after the first),
 * merged here. Opened from disk (file:), where browsers load no index, the box
 * says that search needs a web server.
 */
(function () {
  "use strict";

  const host = document.getElementById("search");
  if (!host) return;
  // The index stores each page's path from the site root; the root's address is only known here.
  const root = new URL(document.body.dataset.base || "./", location.href).pathname;
  const bundle = `${root}pagefind/`;
  const SHOWN = 8;   // results loaded at a time
  const KINDS = { person: "Person", meeting: "Meeting", milestone: "Milestone", article: "Article" };

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  const input = element("input", {
    type: "search", id: "search-input", name: "q", autocomplete: "off", spellcheck: "false",
    placeholder: "Names, places, words", "aria-controls": "search-results",
  });
  const status = element("p", { class: "search-status", role: "status" });
  const list = element("ol", { class: "search-list" });
  const more = element("button", { type: "button", class: "search-more", hidden: "" }, ["More results"]);
  const panel = element("div", { id: "search-results", class: "search-results", hidden: "" }, [status, list, more]);
  const form = element("form", { class: "search-form", action: "#" },
    [element("label", { for: input.id, class: "search-label" }, ["Search"]), input]);
  if (location.protocol === "file:") {
    host.append(element("p", { class: "search-offline" },
      ["Search needs the site on a web server: run chrono serve, or open the published site."]));
    return;
  }
  host.append(form, panel);

  let engine = null;      // the promise of Pagefind, once asked for
  let results = [];       // the current search's results, not all loaded
  let asked = "";         // the query they answer

  function pagefind() {
    if (!engine) {
      const shards = fetch(`${bundle}shards.json`).then((response) => (response.ok ? response.json() : []), () => []);
      engine = import(`${bundle}pagefind.js`).then(async (loaded) => {
        // baseUrl puts the site's address in front of each stored path.
        await loaded.options({ baseUrl: root, excerptLength: 24, ranking: { metaWeights: { title: 5, name: 20 } } });
        for (const folder of await shards) await loaded.mergeIndex(`${bundle}${folder}`, { baseUrl: root });
        loaded.init();
        return loaded;
      });
    }
    return engine;
  }

  function open(shown) {
    panel.hidden = !shown;
  }

  function result(data) {
    const kind = KINDS[(data.meta && data.meta.kind) || ""];
    const link = element("a", { href: data.url, class: "search-link" }, [data.meta && data.meta.title ? data.meta.title : data.url]);
    const heading = element("p", { class: "search-heading" }, [link]);
    if (kind) heading.append(" ", element("span", { class: "search-kind" }, [kind]));
    const excerpt = element("p", { class: "search-excerpt" });
    excerpt.innerHTML = data.excerpt;   // Pagefind escapes the text and adds only <mark>
    return element("li", { class: "search-result" }, [heading, excerpt]);
  }

  async function showMore() {
    const current = results;
    const start = list.children.length;
    const loaded = await Promise.all(current.slice(start, start + SHOWN).map((found) => found.data()));
    if (current !== results) return;   // a newer search replaced these
    const added = loaded.map(result);
    list.append(...added);
    const hadFocus = document.activeElement === more;
    more.hidden = list.children.length >= results.length;
    if (hadFocus && added.length) added[0].querySelector("a").focus();   // the button is gone: go on from its place
  }

  async function search() {
    const query = input.value.trim();
    if (!query) {
      asked = "";
      list.replaceChildren();
      open(false);
      return;
    }
    const found = await (await pagefind()).debouncedSearch(query);
    if (found === null || input.value.trim() !== query) return;   // a later search is on its way
    asked = query;
    results = found.results;
    list.replaceChildren();
    status.textContent = results.length === 0 ? `No results for “${query}”.`
      : `${results.length} ${results.length === 1 ? "result" : "results"} for “${query}”`;
    open(true);
    await showMore();
  }

  input.addEventListener("focus", () => {
    pagefind();
    if (asked) open(true);
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", (event) => { event.preventDefault(); search(); });
  more.addEventListener("click", showMore);
  host.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      input.focus();   // first: focusing the box opens the results again
      open(false);
    } else if (event.key === "ArrowDown" && event.target === input && list.firstElementChild) {
      event.preventDefault();
      list.querySelector("a").focus();
    }
  });
  document.addEventListener("click", (event) => { if (!host.contains(event.target)) open(false); });
  host.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !host.contains(event.relatedTarget)) open(false);
  });
})();
