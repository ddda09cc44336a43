/*
 * What JavaScript adds to the chronology site; every page reads in full without it.
 *
 * - On the home page, filters by person, kind, track, status and tag, and an
 *   "as of" date, built into <div id="chrono-controls"> from the data
 *   attributes of the chronology items. The URL's query string carries them
 *   (?person=…&kind=…&track=…&status=…&tag=…&asof=YYYY-MM-DD), so a view can be shared.
 * - Opened from disk, links to a folder ("../people/kim/") point at its
 *   index.html, which a web server would have served; browsers show a folder
 *   listing instead.
 * - On a milestone page, a date input that highlights the history entry in
 *   force on that day (?asof= as well).
 *
 * What was known on a day is worked out by the generator (content/asknown.py),
 * never here: each row carries its present state (data-present) and every
 * state it has had, from the day it took effect (data-changes), as
 * "YYYY-MM-DD status flags sources;…" where a state is "hidden" or
 * "<status> <flag,flag or -> <how many of its sources, oldest first, show>".
 * Dates are ISO days (YYYY-MM-DD), so comparing them as strings orders them.
 */
(function () {
  "use strict";

  const base = document.body.dataset.base || "./";   // the way from this page up to the site root
  const fromDisk = location.protocol === "file:";
  const lang = document.documentElement.lang || "en";
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  const FILTERS = [
    { name: "person", label: "Person", any: "Everyone", values: (item) => item.people },
    { name: "kind", label: "Kind", any: "All kinds", values: (item) => [item.kind] },
    { name: "track", label: "Track", any: "All tracks", values: (item) => item.tracks },
    { name: "status", label: "Status", any: "Any status", values: (item) => [item.status] },
    { name: "tag", label: "Tag", any: "All tags", values: (item) => item.tags },
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

  /** A link as this page must write it: from disk, a folder's address gets its index.html. */
  function openable(href) {
    if (!fromDisk || /^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return href;
    return href.replace(/^([^?#]*\/)(?=[?#]|$)/, "$1index.html");
  }

  function openableFromDisk() {
    if (!fromDisk) return;
    for (const link of document.querySelectorAll("a[href]")) {
      const href = link.getAttribute("href");
      const fixed = openable(href);
      if (fixed !== href) link.setAttribute("href", fixed);
    }
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
    try {
      history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    } catch (error) {
      // A page opened from disk may not change its own address in some browsers; the view still works.
    }
  }

  // -- the chronology: filters and the "as of" view ----------------------------

  /** "held overdue,current 2" → { status, flags, sources }; "hidden" → null. */
  function parseState(text) {
    const [status, flags, sources] = words(text);
    if (!status || status === "hidden") return null;
    return { status, flags: flags && flags !== "-" ? flags.split(",") : [], sources: Number(sources || 0) };
  }

  function parseChanges(text) {
    return (text || "").split(";").filter(Boolean).map((change) => {
      const space = change.indexOf(" ");
      return { day: change.slice(0, space), state: parseState(change.slice(space + 1)) };
    });
  }

  /** The state on `day` (the present one with no day): that of the last change on or before it. */
  function stateOn(item, day) {
    if (!day) return item.present;
    let state = null;
    for (const change of item.changes) if (change.day <= day) state = change.state;
    return state;
  }

  /** The status badge and its "planned"/"overdue" flags, as macros.html writes them. */
  function stateBadges(state) {
    const badges = [element("span", { class: `status status-${state.status}` }, [state.status])];
    for (const flag of state.flags) {
      if (flag !== "current") badges.push(" ", element("span", { class: `flag flag-${flag}` }, [flag]));
    }
    return badges;
  }

  function readItem(node) {
    const data = node.dataset;
    const present = parseState(data.present);
    return {
      node,
      kind: data.kind || "",
      people: words(data.people),
      tracks: words(data.tracks),
      tags: words(data.tags),
      status: present ? present.status : "",
      present,
      changes: parseChanges(data.changes),
      milestone: data.milestone || "",
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

  /** Tag names as the page's tag links show them (data-tag="<id>" → its text). */
  function tagNames(root) {
    const names = new Map();
    for (const link of root.querySelectorAll("a.tag[data-tag]")) {
      if (!names.has(link.dataset.tag)) names.set(link.dataset.tag, link.textContent.trim());
    }
    return names;
  }

  function optionLabel(filter, value, names) {
    if (filter.name === "person") return names.people.get(value) || value;
    if (filter.name === "tag") return names.tags.get(value) || value;
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

  function buildControls(host, items, fixedDay) {
    const names = { people: personNames(document), tags: tagNames(document) };
    const form = element("form", { class: "chrono-filters", "aria-label": "Filter the chronology" });
    for (const filter of FILTERS) {
      const control = buildSelect(filter, items, names);
      if (control) form.append(control);
    }
    // A pre-built "as of" page holds only what was known on its day: it gets no date of its own to pick.
    const asof = element("input", { type: "date", name: "asof", id: "chrono-asof" });
    if (!fixedDay) {
      form.append(element("div", { class: "chrono-control" },
        [element("label", { for: asof.id }, ["As of"]), asof]));
    }
    const reset = element("button", { type: "button", class: "chrono-reset" }, ["Show all"]);
    form.append(element("div", { class: "chrono-control chrono-control-button" }, [reset]));
    const count = element("p", { class: "chrono-count", role: "status" });
    const heading = element("h2", { id: "state-of-play-title" });
    const playList = element("ul", { class: "state-of-play-list" });
    const play = element("section", { id: "state-of-play", "aria-labelledby": heading.id, hidden: "" },
      [heading, playList]);
    host.append(form, count, play);
    return { form, asof, fixedDay, reset, count, play, heading, playList };
  }

  function milestoneLink(item, day) {
    const href = `${base}milestones/${item.milestone}/`;
    const link = item.node.querySelector(`a[href="${href}"]`);
    const title = link ? link.textContent.trim() : item.title;
    return element("a", { href: openable(`${href}?asof=${encodeURIComponent(day)}`) }, [title]);
  }

  /** Person, track and status filters; the kind filter is left to the caller. */
  function matchesFilters(item, wanted, filters) {
    return filters.every((filter) => {
      const value = wanted.get(filter.name);
      return !value || filter.values(item).includes(value);
    });
  }

  /**
   * Each milestone's status on `day`: its step in force then (the "current" one),
   * narrowed by every filter but kind (a status list is about milestones), as the
   * pre-built "as of" pages list them.
   */
  function renderStateOfPlay(ui, items, day, wanted) {
    ui.playList.replaceChildren();
    ui.play.hidden = !day || Boolean(ui.fixedDay);
    if (ui.play.hidden) return;
    ui.heading.textContent = `State of play on ${displayDay(day)}`;
    const filters = FILTERS.filter((filter) => filter.name !== "kind");
    const order = [...new Set(items.filter((item) => item.kind === "milestone").map((item) => item.milestone))];
    const entries = items.filter((item) => item.kind === "milestone" && item.state
      && item.state.flags.includes("current") && matchesFilters(item, wanted, filters))
      .sort((a, b) => order.indexOf(a.milestone) - order.indexOf(b.milestone));   // in the order milestones begin
    if (entries.length === 0) {
      ui.playList.append(element("li", {}, ["No milestone in this view had a recorded status by then."]));
    }
    for (const item of entries) {
      ui.playList.append(element("li", { "data-milestone": item.milestone, "data-status": item.state.status },
        [milestoneLink(item, day), ": ", ...stateBadges(item.state)]));
    }
  }

  /**
   * Take `state` as the row's; unless the page was built for that state already,
   * show it: its badges, its sources published by then, a line for the later ones.
   */
  function showState(item, state, built) {
    item.state = state;
    if (!state) return;
    item.status = state.status;
    if (built) return;
    item.node.dataset.status = state.status;
    const badges = item.node.querySelector(".row-state");
    if (badges) badges.replaceChildren(...stateBadges(state));
    const citations = [...item.node.querySelectorAll(".citations > li")];
    citations.forEach((citation, i) => { citation.hidden = i >= state.sources; });
    const later = citations.length - Math.min(state.sources, citations.length);
    let line = item.node.querySelector(".chrono-later");
    if (later > 0 && !line) {
      line = element("p", { class: "chrono-later" });
      item.node.querySelector(".citations").after(line);
    }
    if (line) {
      line.hidden = later === 0;
      line.replaceChildren(`${later} later ${later === 1 ? "report" : "reports"} not shown: `,
        element("a", { href: `${location.pathname}#${item.node.id}` }, ["present view"]));
    }
  }

  function applyFilters(ui, items, selects) {
    const wanted = new Map(selects.map((select) => [select.name, select.value]));
    const picked = ISO_DAY.test(ui.asof.value) ? ui.asof.value : "";
    const day = ui.fixedDay || picked;
    let shown = 0;
    for (const item of items) {
      showState(item, stateOn(item, day), Boolean(ui.fixedDay));
      const matches = item.state !== null && matchesFilters(item, wanted, FILTERS);
      item.node.hidden = !matches;
      if (matches) shown += 1;
    }
    for (const group of document.querySelectorAll(".chrono-month, .chrono-year, .chrono-phase")) {
      group.hidden = !group.querySelector(".chrono-item:not([hidden])");
    }
    renderStateOfPlay(ui, items, day, wanted);
    ui.count.textContent = shown === items.length
      ? `Showing all ${items.length} entries.`
      : `Showing ${shown} of ${items.length} entries.` + (shown === 0 ? " Nothing matches these filters." : "");
    replaceQuery([...wanted, ["asof", picked]]);
  }

  function setupChronology() {
    const host = document.getElementById("chrono-controls");
    const nodes = document.querySelectorAll(".chrono-item");
    if (!host || nodes.length === 0) return;
    const items = [...nodes].map(readItem);
    const fixedDay = ISO_DAY.test(host.dataset.asOf || "") ? host.dataset.asOf : "";
    const ui = buildControls(host, items, fixedDay);
    const selects = [...ui.form.querySelectorAll("select")];
    const params = new URLSearchParams(location.search);
    for (const select of selects) {
      const value = params.get(select.name) || "";
      if ([...select.options].some((option) => option.value === value)) select.value = value;
    }
    ui.asof.value = fixedDay ? "" : queryDay(params);
    const update = () => applyFilters(ui, items, selects);
    ui.form.addEventListener("input", update);
    ui.form.addEventListener("change", update);
    ui.form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    ui.reset.addEventListener("click", () => {
      for (const select of selects) select.value = "";
      ui.asof.value = "";
      update();
    });
    update();
  }

  // -- a milestone page: the status in force on a day -------------------------

  /** Each step shows as it was known on the day; the one in force then is highlighted. */
  function setupMilestoneHistory() {
    const entries = [...document.querySelectorAll(".history > li[data-changes]")].map((node) => ({
      node, present: parseState(node.dataset.present), changes: parseChanges(node.dataset.changes),
    }));
    if (entries.length === 0) return;
    const list = entries[0].node.parentElement;
    const input = element("input", { type: "date", name: "asof", id: "history-asof" });
    const result = element("p", { class: "history-asof-result", role: "status" });
    const form = element("form", { class: "history-asof", "aria-label": "Status on a date" },
      [element("div", { class: "chrono-control" },
        [element("label", { for: input.id }, ["Status on"]), input]), result]);
    list.before(form);

    const update = () => {
      const day = ISO_DAY.test(input.value) ? input.value : "";
      let inForce;
      for (const entry of entries) {
        const state = stateOn(entry, day);
        const badges = entry.node.querySelector(".row-state");
        if (badges) {
          badges.replaceChildren(...(state ? stateBadges(state) : [...stateBadges(entry.present), " ",
            element("span", { class: "flag flag-later" }, ["reported later"])]));
        }
        entry.node.classList.toggle("not-yet-known", !state);
        const current = Boolean(day && state && state.flags.includes("current"));
        entry.node.classList.toggle("in-force", current);
        if (current) {
          inForce = state;
          entry.node.setAttribute("aria-current", "true");
        } else entry.node.removeAttribute("aria-current");
      }
      if (!day) result.textContent = "";
      else if (inForce) {
        const overdue = inForce.flags.includes("overdue") ? ", overdue" : "";
        result.textContent = `On ${displayDay(day)} the status was: ${inForce.status}${overdue}.`;
      } else result.textContent = `Nothing was on record yet on ${displayDay(day)}.`;
      replaceQuery([["asof", day]]);
    };
    input.value = queryDay(new URLSearchParams(location.search));
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    update();
  }

  openableFromDisk();
  setupChronology();
  setupMilestoneHistory();
})();
