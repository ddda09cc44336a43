/*
 * What JavaScript adds to the chronology site; every page reads in full without it.
 *
 * - On the home page, filters by person, kind, track and status, and an
 *   "as of" date, built into <div id="chrono-controls"> from the data
 *   attributes of the chronology items. The URL's query string carries them
 *   (?person=…&kind=…&track=…&status=…&asof=YYYY-MM-DD), so a view can be shared.
 * - On a milestone page, a date input that highlights the history entry in
 *   force on that day (?asof= as well).
 *
 * Dates are ISO days (YYYY-MM-DD), so comparing them as strings orders them.
 */
(function () {
  "use strict";

  const base = document.body.dataset.base || "/";
  const lang = document.documentElement.lang || "en";
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const FILTERS = [
    { name: "person", label: "Person", any: "Everyone", values: (item) => item.people },
    { name: "kind", label: "Kind", any: "All kinds", values: (item) => [item.kind] },
    { name: "track", label: "Track", any: "All tracks", values: (item) => item.tracks },
    { name: "status", label: "Status", any: "Any status", values: (item) => [item.status] },
  ];
  const KIND_LABELS = { meeting: "Meetings", milestone: "Milestone steps" };

  // -- small helpers ----------------------------------------------------------

  function element(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    for (const child of children || []) node.append(child);
    return node;
  }

  function words(text) {
    return (text || "").split(/\s+/).filter(Boolean);
  }

  /** "2018-09-06" → "6 September 2018", the way the pages write days. */
  function displayDay(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    const monthName = new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" })
      .format(new Date(Date.UTC(year, month - 1, 1)));
    return `${day} ${monthName} ${year}`;
  }

  function queryDay(params) {
    const day = params.get("asof") || "";
    return ISO_DAY.test(day) ? day : "";
  }

  /** Put the non-empty values in the address bar without adding a history step. */
  function replaceQuery(values) {
    const params = new URLSearchParams();
    for (const [name, value] of values) if (value) params.set(name, value);
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
  }

  // -- the chronology: filters and the "as of" view ----------------------------

  function readItem(node) {
    const data = node.dataset;
    return {
      node,
      kind: data.kind || "",
      people: words(data.people),
      tracks: words(data.tracks),
      status: data.status || "",
      start: data.start || "",
      known: data.known || "",
      milestone: data.milestone || "",
      index: Number(data.index || 0),
      title: data.title || "",
    };
  }

  /**
   * Person names as the page links them (…/people/<id>/ → its text), the theme's
   * name links (.person-link) first, since other links may say "Moon" for Moon Jae-in.
   */
  function personNames(root) {
    const names = new Map();
    const prefix = `${base}people/`;
    const links = [...root.querySelectorAll(`a.person-link[href^="${prefix}"]`),
      ...root.querySelectorAll(`a[href^="${prefix}"]`)];
    for (const link of links) {
      const id = link.getAttribute("href").slice(prefix.length).replace(/\/.*$/, "");
      if (id && !names.has(id)) names.set(id, link.textContent.trim());
    }
    return names;
  }

  function optionLabel(filter, value, names) {
    if (filter.name === "person") return names.get(value) || value;
    if (filter.name === "kind") return KIND_LABELS[value] || value;
    return value;
  }

  function buildSelect(filter, items, names) {
    const values = [...new Set(items.flatMap(filter.values))].filter(Boolean);
    if (values.length === 0) return null;
    const collator = new Intl.Collator(lang);
    const options = values
      .map((value) => [value, optionLabel(filter, value, names)])
      .sort((a, b) => collator.compare(a[1], b[1]));
    const select = element("select", { name: filter.name, id: `chrono-${filter.name}` },
      [element("option", { value: "" }, [filter.any]),
        ...options.map(([value, label]) => element("option", { value }, [label]))]);
    return element("div", { class: "chrono-control" },
      [element("label", { for: select.id }, [filter.label]), select]);
  }

  function buildControls(host, items) {
    const names = personNames(document);
    const form = element("form", { class: "chrono-filters", "aria-label": "Filter the chronology" });
    for (const filter of FILTERS) {
      const control = buildSelect(filter, items, names);
      if (control) form.append(control);
    }
    const asof = element("input", { type: "date", name: "asof", id: "chrono-asof" });
    form.append(element("div", { class: "chrono-control" },
      [element("label", { for: asof.id }, ["As of"]), asof]));
    const reset = element("button", { type: "button", class: "chrono-reset" }, ["Show all"]);
    form.append(element("div", { class: "chrono-control chrono-control-button" }, [reset]));
    const count = element("p", { class: "chrono-count", role: "status" });
    const heading = element("h2", { id: "state-of-play-title" });
    const playList = element("ul", { class: "state-of-play-list" });
    const play = element("section", { id: "state-of-play", "aria-labelledby": heading.id, hidden: "" },
      [heading, playList]);
    host.append(form, count, play);
    return { form, reset, count, play, heading, playList };
  }

  /**
   * A history entry takes effect on its earliest day but never before the entry
   * above it (a vague "2018-08" written after "2018-08-31~" starts on the 31st).
   * `starts` are the entries' own earliest days, in history order.
   */
  function effectiveStarts(starts) {
    let previous = "";
    return starts.map((start) => (previous = start > previous ? start : previous));
  }

  function applyMilestoneStarts(items) {
    const byMilestone = new Map();
    for (const item of items) {
      if (item.kind !== "milestone") continue;
      if (!byMilestone.has(item.milestone)) byMilestone.set(item.milestone, []);
      byMilestone.get(item.milestone).push(item);
    }
    for (const entries of byMilestone.values()) {
      entries.sort((a, b) => a.index - b.index);
      effectiveStarts(entries.map((item) => item.start)).forEach((start, i) => { entries[i].start = start; });
    }
  }

  /** Each milestone's last history entry on or before `day`, in the order milestones first appear. */
  function stateOfPlay(items, day) {
    const latest = new Map();
    for (const item of items) {
      if (item.kind !== "milestone" || !item.milestone || item.start > day) continue;
      const known = latest.get(item.milestone);
      if (!known || item.index > known.index) latest.set(item.milestone, item);
    }
    return [...latest.values()];
  }

  function milestoneLink(item) {
    const href = `${base}milestones/${item.milestone}/`;
    const link = item.node.querySelector(`a[href="${href}"]`);
    const title = link ? link.textContent.trim() : item.title;
    return element("a", { href: `${href}?asof=${encodeURIComponent(item.asof)}` }, [title]);
  }

  /** Person, track and status filters; the kind filter is left to the caller. */
  function matchesFilters(item, wanted, filters) {
    return filters.every((filter) => {
      const value = wanted.get(filter.name);
      return !value || filter.values(item).includes(value);
    });
  }

  /** The milestones' status on `day`, narrowed by every filter but kind (a status list is about milestones). */
  function renderStateOfPlay(ui, items, day, wanted) {
    ui.playList.replaceChildren();
    ui.play.hidden = !day;
    if (!day) return;
    ui.heading.textContent = `State of play on ${displayDay(day)}`;
    const filters = FILTERS.filter((filter) => filter.name !== "kind");
    const entries = stateOfPlay(items, day).filter((item) => matchesFilters(item, wanted, filters));
    if (entries.length === 0) {
      ui.playList.append(element("li", {}, ["No milestone in this view had a recorded status by then."]));
    }
    for (const item of entries) {
      item.asof = day;
      ui.playList.append(element("li", { "data-milestone": item.milestone, "data-status": item.status },
        [milestoneLink(item), ": ", element("span", { class: `status status-${item.status}` }, [item.status])]));
    }
  }

  /** shown: happened by `day`; planned: still ahead but already reported; null: hidden. */
  function asOfState(item, day) {
    if (!day || item.start <= day) return "shown";
    if (item.kind === "meeting" && item.known && item.known <= day) return "planned";
    return null;
  }

  function markPlanned(item, planned) {
    const badge = item.node.querySelector(".chrono-planned-badge");
    item.node.classList.toggle("chrono-planned", planned);
    if (planned && !badge) {
      const line = item.node.querySelector(".chrono-meta") || item.node;
      line.prepend(element("span", { class: "chrono-planned-badge" }, ["planned"]), " ");
    } else if (!planned && badge) {
      badge.nextSibling.remove();
      badge.remove();
    }
  }

  function applyFilters(ui, items, selects) {
    const wanted = new Map(selects.map((select) => [select.name, select.value]));
    const day = ISO_DAY.test(ui.form.elements.asof.value) ? ui.form.elements.asof.value : "";
    let shown = 0;
    for (const item of items) {
      const state = asOfState(item, day);
      const matches = state !== null && matchesFilters(item, wanted, FILTERS);
      item.node.hidden = !matches;
      markPlanned(item, matches && state === "planned");
      if (matches) shown += 1;
    }
    for (const group of document.querySelectorAll(".chrono-month, .chrono-year, .chrono-phase")) {
      group.hidden = !group.querySelector(".chrono-item:not([hidden])");
    }
    renderStateOfPlay(ui, items, day, wanted);
    ui.count.textContent = shown === items.length
      ? `Showing all ${items.length} entries.`
      : `Showing ${shown} of ${items.length} entries.` + (shown === 0 ? " Nothing matches these filters." : "");
    replaceQuery([...wanted, ["asof", day]]);
  }

  function setupChronology() {
    const host = document.getElementById("chrono-controls");
    const nodes = document.querySelectorAll(".chrono-item");
    if (!host || nodes.length === 0) return;
    const items = [...nodes].map(readItem);
    applyMilestoneStarts(items);
    const ui = buildControls(host, items);
    const selects = [...ui.form.querySelectorAll("select")];
    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const value = params.get(select.name) || "";
      if ([...select.options].some((option) => option.value === value)) select.value = value;
    }
    ui.form.elements.asof.value = queryDay(params);
    const update = () => applyFilters(ui, items, selects);
    ui.form.addEventListener("input", update);
    ui.form.addEventListener("change", update);
    ui.form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    ui.reset.addEventListener("click", () => {
      for (const select of selects) select.value = "";
      ui.form.elements.asof.value = "";
      update();
    });
    update();
  }

  // -- a milestone page: the status in force on a day -------------------------

  function setupMilestoneHistory() {
    const entries = [...document.querySelectorAll("li[id^='h'][data-start]")]
      .filter((node) => /^h\d+$/.test(node.id));
    if (entries.length === 0) return;
    const list = entries[0].parentElement;
    const input = element("input", { type: "date", name: "asof", id: "history-asof" });
    const result = element("p", { class: "history-asof-result", role: "status" });
    const form = element("form", { class: "history-asof", "aria-label": "Status on a date" },
      [element("div", { class: "chrono-control" },
        [element("label", { for: input.id }, ["Status on"]), input]), result]);
    list.before(form);

    const starts = effectiveStarts(entries.map((node) => node.dataset.start));
    const update = () => {
      const day = ISO_DAY.test(input.value) ? input.value : "";
      const inForce = day ? entries.filter((node, i) => starts[i] <= day).pop() : undefined;
      for (const node of entries) {
        node.classList.toggle("in-force", node === inForce);
        if (node === inForce) node.setAttribute("aria-current", "true");
        else node.removeAttribute("aria-current");
      }
      if (!day) result.textContent = "";
      else if (inForce) result.textContent = `On ${displayDay(day)} the status was: ${inForce.dataset.status}.`;
      else result.textContent = `Nothing was on record yet on ${displayDay(day)}.`;
      replaceQuery([["asof", day]]);
    };
    input.value = queryDay(new URLSearchParams(location.search));
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    update();
  }

  setupChronology();
  setupMilestoneHistory();
})();
