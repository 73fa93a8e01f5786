// The afspraken chat: plain JS, no build step. Every text from the server or the user goes
// into the page with textContent, never as HTML.
"use strict";

const TEXT = {
  nl: {
    title: "Afspraken",
    tagline: "Vragen over de prestatieafspraken, beantwoord met het artikel waar het staat.",
    skip: "Naar de inhoud",
    sections: "Onderdelen",
    tabChat: "Vragen",
    tabDeadlines: "Termijnen",
    tabBudgets: "Budgetten",
    filterLabel: "Zoeken in",
    filterAll: "Alle gemeenten en documenten",
    municipalities: "Gemeente",
    documents: "Document",
    suggestTitle: "Probeer bijvoorbeeld",
    // shown until (or when) GET /api/examples does not answer with questions about the index's towns
    suggestions: [
      "Hoeveel mag de huur dit jaar omhoog?",
      "Worden er sociale huurwoningen verkocht?",
      "Wat doen de corporaties aan verduurzaming van woningen?",
      "Wie betaalt mee aan de aanpak van woonoverlast?",
    ],
    conversation: "Gesprek",
    questionLabel: "Uw vraag",
    placeholder: "Stel een vraag over de afspraken…",
    send: "Vraag",
    you: "U",
    bot: "Afspraken",
    thinking: "Bezig met zoeken…",
    sources: "Bronnen",
    searched: "Doorzocht",
    passages: "Gevonden passages",
    noAnswer: "Geen antwoord in de documenten",
    empty: "Typ eerst een vraag.",
    tooLong: "Deze vraag is te lang: gebruik maximaal 2.000 tekens.",
    rateLimited: "U stelt veel vragen achter elkaar. Wacht even en probeer het opnieuw.",
    failed: "Er ging iets mis. Probeer het later opnieuw.",
    offline: "Geen verbinding met de server.",
    deadlinesTitle: "Termijnen en data",
    budgetsTitle: "Bedragen en wie ze betaalt",
    downloadCsv: "Download CSV",
    downloadIcs: "Agenda (ICS)",
    colWhen: "Wanneer",
    colWhat: "Wat",
    colParties: "Partijen",
    colSource: "Bron",
    colAmount: "Bedrag",
    colPurpose: "Waarvoor",
    colPayers: "Wie betaalt",
    tabCompare: "Vergelijken",
    compareTitle: "Wat zegt elke afspraak over een onderwerp?",
    compareLabel: "Onderwerp",
    comparePlaceholder: "Onderwerp, bijvoorbeeld buurtbemiddeling",
    compareSend: "Vergelijk",
    compareEmpty: "Typ eerst een onderwerp.",
    compareTooLong: "Dit onderwerp is te lang: gebruik maximaal 2.000 tekens.",
    compareSummary: (topic, covered, total) => `${topic}: ${covered} van ${total} documenten`,
    colDocument: "Document",
    colClause: "Artikel",
    colSays: "Wat er staat",
    colFigures: "Cijfers",
    notCovered: "Niet behandeld",
    noFigure: "geen getal genoemd",
    notice: "kennisgeving",
    diffTitle: "Wat is er veranderd?",
    diffOld: "Oude versie",
    diffNew: "Nieuwe versie",
    diffSend: "Toon verschillen",
    diffSame: "Kies twee verschillende documenten.",
    colStatus: "Status",
    colLabels: "Artikel (oud → nieuw)",
    colText: "Tekst",
    colChangedFigures: "Gewijzigde cijfers",
    statuses: { unchanged: "ongewijzigd", changed: "gewijzigd", new: "nieuw", dropped: "vervallen", renumbered: "hernummerd" },
    noRows: "Niets gevonden.",
    loading: "Laden…",
    footer: "Antwoorden komen letterlijk uit de documenten; controleer de bron.",
    switchTo: "English",
    switchLabel: "Switch to English",
    switchLang: "en",
  },
  en: {
    title: "Afspraken",
    tagline: "Questions about the performance agreements, answered with the clause they come from.",
    skip: "Skip to content",
    sections: "Sections",
    tabChat: "Ask",
    tabDeadlines: "Deadlines",
    tabBudgets: "Budgets",
    filterLabel: "Search in",
    filterAll: "All municipalities and documents",
    municipalities: "Municipality",
    documents: "Document",
    suggestTitle: "Try for example",
    suggestions: [
      "How much may rents go up this year?",
      "Are social rental homes being sold?",
      "What are the housing associations doing to make homes more sustainable?",
      "Who pays for tackling nuisance in neighbourhoods?",
    ],
    conversation: "Conversation",
    questionLabel: "Your question",
    placeholder: "Ask a question about the agreements…",
    send: "Ask",
    you: "You",
    bot: "Afspraken",
    thinking: "Searching…",
    sources: "Sources",
    searched: "Searched",
    passages: "Passages found",
    noAnswer: "No answer in the documents",
    empty: "Type a question first.",
    tooLong: "This question is too long: use at most 2,000 characters.",
    rateLimited: "You are asking many questions in a row. Wait a moment and try again.",
    failed: "Something went wrong. Please try again later.",
    offline: "No connection to the server.",
    deadlinesTitle: "Deadlines and dates",
    budgetsTitle: "Amounts and who pays them",
    downloadCsv: "Download CSV",
    downloadIcs: "Calendar (ICS)",
    colWhen: "When",
    colWhat: "What",
    colParties: "Parties",
    colSource: "Source",
    colAmount: "Amount",
    colPurpose: "For",
    colPayers: "Who pays",
    tabCompare: "Compare",
    compareTitle: "What does each agreement say on a topic?",
    compareLabel: "Topic",
    comparePlaceholder: "A topic, for example buurtbemiddeling",
    compareSend: "Compare",
    compareEmpty: "Type a topic first.",
    compareTooLong: "This topic is too long: use at most 2,000 characters.",
    compareSummary: (topic, covered, total) => `${topic}: ${covered} of ${total} documents`,
    colDocument: "Document",
    colClause: "Clause",
    colSays: "What it says",
    colFigures: "Figures",
    notCovered: "Not covered",
    noFigure: "no figure stated",
    notice: "notice",
    diffTitle: "What changed?",
    diffOld: "Old version",
    diffNew: "New version",
    diffSend: "Show changes",
    diffSame: "Choose two different documents.",
    colStatus: "Status",
    colLabels: "Clause (old → new)",
    colText: "Text",
    colChangedFigures: "Changed figures",
    statuses: { unchanged: "unchanged", changed: "changed", new: "new", dropped: "dropped", renumbered: "renumbered" },
    noRows: "Nothing found.",
    loading: "Loading…",
    footer: "Answers quote the documents word for word; check the source.",
    switchTo: "Nederlands",
    switchLabel: "Schakel naar Nederlands",
    switchLang: "nl",
  },
};

const CHAT_KEY = "afspraken-chat";
const LANG_KEY = "afspraken-lang";
const FILTER_KEY = "afspraken-filter";
const MAX_KEPT = 30;

const state = {
  lang: chooseLanguage(),
  documents: [],
  chat: loadJson(sessionStorage, CHAT_KEY, []),
  tables: { deadlines: null, budgets: null },
  examples: { nl: null, en: null }, // GET /api/examples per language; null: not (yet) loaded
  compare: null, // the last /api/compare answer
  diff: null, // the last /api/diff answer
  // deadlines open in the server's order (upcoming first, then overdue, per municipality)
  // until a column is chosen; a row without a value in the sorted column (a deadline without a
  // date, "binnen 6 weken na de aanvraag") comes after the rows with one, either way round
  sort: { deadlines: { key: null, dir: 1 }, budgets: { key: "value", dir: -1 } },
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.lang][key];

function chooseLanguage() {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored === "nl" || stored === "en") return stored;
  const preferred = navigator.languages && navigator.languages.length
    ? navigator.languages : [navigator.language || "nl"];
  for (const tag of preferred) {
    const lang = String(tag).toLowerCase().slice(0, 2);
    if (lang === "nl" || lang === "en") return lang;
  }
  return "nl";
}

function loadJson(storage, key, fallback) {
  try {
    const value = JSON.parse(storage.getItem(key));
    return value === null ? fallback : value;
  } catch (_) {
    return fallback;
  }
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

// ------------------------------------------------------------------ language

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-aria]")) {
    node.setAttribute("aria-label", t(node.dataset.i18nAria));
  }
  for (const node of document.querySelectorAll("[data-i18n-placeholder]")) {
    node.setAttribute("placeholder", t(node.dataset.i18nPlaceholder));
  }
  const toggle = $("lang-toggle");
  toggle.textContent = t("switchTo");
  toggle.lang = t("switchLang");
  toggle.setAttribute("aria-label", t("switchLabel"));
  document.title = state.lang === "nl"
    ? "Afspraken — vraag het de prestatieafspraken"
    : "Afspraken — ask the performance agreements";
  renderSuggestions();
  loadExamples();
  renderFilterOptions();
  renderChat();
  for (const name of ["deadlines", "budgets"]) if (state.tables[name]) renderTable(name);
  renderDiffPickers();
  if (state.compare) renderCompare();
  if (state.diff) renderDiff();
}

function switchLanguage() {
  state.lang = state.lang === "nl" ? "en" : "nl";
  localStorage.setItem(LANG_KEY, state.lang);
  applyLanguage();
}

// ------------------------------------------------------------------ filter

async function loadDocuments() {
  try {
    const response = await fetch("/api/documents", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    state.documents = await response.json();
    renderFilterOptions();
    renderDiffPickers();
  } catch (_) {
    // The chat still works without the filter.
  }
}

function renderFilterOptions() {
  const select = $("filter");
  const current = select.value || sessionStorage.getItem(FILTER_KEY) || "";
  select.replaceChildren(el("option", { value: "", text: t("filterAll") }));
  const municipalities = [...new Set(state.documents.map((d) => d.municipality).filter(Boolean))];
  municipalities.sort((a, b) => a.localeCompare(b, "nl"));
  if (municipalities.length) {
    const group = el("optgroup", { label: t("municipalities") });
    for (const m of municipalities) group.append(el("option", { value: "m:" + m, text: m }));
    select.append(group);
  }
  if (state.documents.length) {
    const group = el("optgroup", { label: t("documents") });
    for (const d of state.documents) {
      group.append(el("option", { value: "d:" + d.id, text: d.short_title || d.title }));
    }
    select.append(group);
  }
  select.value = [...select.options].some((o) => o.value === current) ? current : "";
  updateDownloadLinks();
}

function currentFilter() {
  const value = $("filter").value;
  if (value.startsWith("m:")) return { municipality: value.slice(2) };
  if (value.startsWith("d:")) return { doc: value.slice(2) };
  return {};
}

function onFilterChange() {
  sessionStorage.setItem(FILTER_KEY, $("filter").value);
  state.tables = { deadlines: null, budgets: null };
  updateDownloadLinks();
  const open = document.querySelector('[role="tab"][aria-selected="true"]').id;
  if (open === "tab-deadlines") loadTable("deadlines");
  if (open === "tab-budgets") loadTable("budgets");
  if (open === "tab-compare" && state.compare) runCompare(state.compare.topic);
}

function filterQuery(extra) {
  const params = new URLSearchParams(extra || {});
  const filter = currentFilter();
  if (filter.doc) params.set("doc", filter.doc);
  if (filter.municipality) params.set("municipality", filter.municipality);
  const query = params.toString();
  return query ? "?" + query : "";
}

function updateDownloadLinks() {
  $("deadlines-csv").href = "/api/deadlines" + filterQuery({ format: "csv" });
  $("deadlines-ics").href = "/api/deadlines" + filterQuery({ format: "ics" });
  $("budgets-csv").href = "/api/budgets" + filterQuery({ format: "csv" });
}

// ------------------------------------------------------------------ chat

// Example questions about the towns the index holds, in the page's language; the fixed
// suggestions stay when the server cannot give them.
async function loadExamples() {
  const lang = state.lang;
  if (state.examples[lang]) return;
  try {
    const response = await fetch("/api/examples?" + new URLSearchParams({ lang }).toString(), {
      headers: { Accept: "application/json" },
    });
    if (!response.ok) return;
    const body = await response.json();
    const questions = Array.isArray(body.questions)
      ? body.questions.filter((q) => typeof q === "string" && q.trim()) : [];
    if (!questions.length) return;
    state.examples[lang] = questions;
    if (state.lang === lang) renderSuggestions();
  } catch (_) {
    // Offline or an old server: the fixed suggestions stay.
  }
}

function renderSuggestions() {
  const list = $("suggestion-list");
  list.replaceChildren();
  for (const question of state.examples[state.lang] || t("suggestions")) {
    const button = el("button", { type: "button", class: "suggestion", text: question });
    button.addEventListener("click", () => ask(question));
    list.append(el("li", {}, button));
  }
  $("suggestions").hidden = state.chat.length > 0;
}

function renderChat() {
  const list = $("messages");
  list.replaceChildren(...state.chat.map(renderExchange).flat());
  $("suggestions").hidden = state.chat.length > 0;
}

function renderExchange(entry) {
  const mine = el("li", { class: "msg msg-user" },
    el("span", { class: "who visually-hidden", text: t("you") + ": " }),
    el("p", { class: "msg-text", text: entry.question }));
  return [mine, renderReply(entry)];
}

function renderReply(entry) {
  const item = el("li", { class: "msg msg-bot" },
    el("span", { class: "who visually-hidden", text: t("bot") + ": " }));
  if (entry.pending) {
    item.classList.add("pending");
    item.append(el("p", { class: "msg-text", text: t("thinking") }));
    return item;
  }
  if (entry.error) {
    item.classList.add("error");
    item.append(el("p", { class: "msg-text", text: entry.error }));
    return item;
  }
  const answer = entry.answer;
  // rendered by kind; the text of a not-found, no-figure or other-language answer already says
  // what was searched, in the index's one wording
  if (answer.abstained) item.classList.add("abstained");
  if (answer.kind === "not_found") item.append(el("p", { class: "badge", text: t("noAnswer") }));
  item.append(el("p", { class: "msg-text" }, ...linkCitations(answer.text, answer.citations)));
  if (answer.citations.length) item.append(renderCitations(answer.citations));
  if (answer.kind === "answered" && answer.searched.length) {
    item.append(el("p", { class: "searched", text: t("searched") + ": " + answer.searched.join(", ") }));
  }
  if (answer.passages.length) item.append(renderPassages(answer.passages));
  return item;
}

function citationLabel(c) {
  if (c.short) return c.short;
  const pages = c.pages.slice(0, 3).join(", ");
  return [c.title, c.clause, pages ? "p. " + pages : ""].filter(Boolean).join(" · ");
}

// The answer text cites as "[Voorbeeldstad 2024 · afspraak 10 · p. 11]": those become links.
function linkCitations(text, citations) {
  const nodes = [];
  let rest = text;
  while (rest) {
    let first = null;
    for (const c of citations) {
      const at = rest.indexOf(citationLabel(c));
      if (at >= 0 && (first === null || at < first.at)) first = { at, c };
    }
    if (first === null) break;
    const label = citationLabel(first.c);
    nodes.push(document.createTextNode(rest.slice(0, first.at)));
    nodes.push(el("a", { class: "inline-citation", href: first.c.url, text: label }));
    rest = rest.slice(first.at + label.length);
  }
  nodes.push(document.createTextNode(rest));
  return nodes;
}

function renderCitations(citations) {
  const sources = el("div", { class: "sources" }, el("h3", { text: t("sources") }));
  const list = el("ol", { class: "citations" });
  for (const c of citations) {
    const link = el("a", { class: "citation", href: c.url, text: citationLabel(c) });
    const section = c.section ? el("span", { class: "section-name", text: c.section }) : null;
    list.append(el("li", {}, link, section));
  }
  sources.append(list);
  return sources;
}

function renderPassages(passages) {
  const details = el("details", { class: "passages" }, el("summary", { text: t("passages") }));
  const list = el("ol", {});
  for (const p of passages) {
    const label = [p.doc, p.clause].filter(Boolean).join(" · ");
    list.append(el("li", {},
      el("a", { href: p.url, text: label }),
      el("p", { class: "passage-text" }, ...markMatch(p.text, p.match))));
  }
  details.append(list);
  return details;
}

// The passage as text nodes, the best-matching clause's words in it wrapped in <mark>; the
// whole passage plain when the match is not found in it (an answer kept from an older server).
function markMatch(text, match) {
  const at = match ? text.indexOf(match) : -1;
  if (at < 0) return [document.createTextNode(text)];
  const nodes = [];
  if (at > 0) nodes.push(document.createTextNode(text.slice(0, at)));
  nodes.push(el("mark", { class: "passage-match", text: match }));
  if (at + match.length < text.length) nodes.push(document.createTextNode(text.slice(at + match.length)));
  return nodes;
}

function saveChat() {
  state.chat = state.chat.slice(-MAX_KEPT);
  try {
    sessionStorage.setItem(CHAT_KEY, JSON.stringify(state.chat.filter((e) => !e.pending)));
  } catch (_) {
    // Storage full or disabled: the chat still works, it just isn't kept.
  }
}

async function ask(question) {
  const text = question.trim();
  const status = $("status");
  if (!text) {
    status.textContent = t("empty");
    $("question").focus();
    return;
  }
  status.textContent = "";
  const entry = { question: text, pending: true };
  state.chat.push(entry);
  renderChat();
  $("question").value = "";
  $("send").disabled = true;
  const filter = currentFilter();
  const filters = {};
  if (filter.doc) filters.doc = [filter.doc];
  if (filter.municipality) filters.municipality = [filter.municipality];
  try {
    const response = await fetch("/api/ask", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ question: text, filters }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) entry.answer = body;
    else entry.error = errorText(response.status);
  } catch (_) {
    entry.error = t("offline");
  }
  delete entry.pending;
  saveChat();
  renderChat();
  $("send").disabled = false;
  const last = $("messages").lastElementChild;
  if (last) last.scrollIntoView({ block: "nearest" });
}

function errorText(status, body) {
  if (status === 404 && body && body.message) return body.message;
  if (status === 413) return t("tooLong");
  if (status === 422) return t("empty");
  if (status === 429) return t("rateLimited");
  return t("failed");
}

// ------------------------------------------------------------------ tabs

function selectTab(tab, focus) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
  if (focus) tab.focus();
  if (tab.id === "tab-deadlines" && !state.tables.deadlines) loadTable("deadlines");
  if (tab.id === "tab-budgets" && !state.tables.budgets) loadTable("budgets");
}

function onTabKey(event) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const index = tabs.indexOf(event.target);
  let next = null;
  if (event.key === "ArrowRight") next = tabs[(index + 1) % tabs.length];
  if (event.key === "ArrowLeft") next = tabs[(index - 1 + tabs.length) % tabs.length];
  if (event.key === "Home") next = tabs[0];
  if (event.key === "End") next = tabs[tabs.length - 1];
  if (next) {
    event.preventDefault();
    selectTab(next, true);
  }
}

// ------------------------------------------------------------------ tables

async function loadTable(name) {
  const panel = $("panel-" + name);
  const body = panel.querySelector("tbody");
  body.replaceChildren(el("tr", { role: "row" }, el("td", { role: "cell", colspan: 4, text: t("loading") })));
  try {
    const response = await fetch("/api/" + name + filterQuery());
    state.tables[name] = response.ok ? await response.json() : [];
  } catch (_) {
    state.tables[name] = [];
  }
  renderTable(name);
}

function documentTitle(id) {
  const doc = state.documents.find((d) => d.id === id);
  return doc ? doc.short_title || doc.title : id;
}

function sourceCell(row) {
  const pages = row.pages.length ? " · p. " + row.pages.slice(0, 3).join(", ") : "";
  const label = documentTitle(row.doc) + " · " + row.clause + pages;
  return cell("colSource", el("a", { href: row.url, text: label }));
}

// A table cell that names its column, shown before it when rows are cards on a phone.
function cell(column, ...children) {
  const td = el("td", { role: "cell", "data-label": t(column) });
  for (const child of children) td.append(typeof child === "string" ? document.createTextNode(child) : child);
  return td;
}

function formatNumber(value, digits) {
  return new Intl.NumberFormat(state.lang === "nl" ? "nl-NL" : "en-GB", {
    maximumFractionDigits: digits,
  }).format(value);
}

function payerText(share) {
  const parts = [];
  if (share.euros !== null && share.euros !== undefined) parts.push("€ " + formatNumber(share.euros, 0));
  if (share.fraction !== null && share.fraction !== undefined) parts.push(formatNumber(share.fraction * 100, 1) + "%");
  return share.party + (parts.length ? " (" + parts.join(", ") + ")" : "");
}

// A column's value of a row to sort by; null when the row has none (it then sorts last).
const SORT_VALUE = {
  start: (r) => r.start || r.end || null,
  what: (r) => (r.what || r.sentence || "").toLowerCase(),
  parties: (r) => r.parties.join(", ").toLowerCase(),
  source: (r) => documentTitle(r.doc) + " " + r.clause,
  value: (r) => (r.value === null || r.value === undefined ? null : r.value),
  purpose: (r) => (r.purpose || r.sentence || "").toLowerCase(),
  payers: (r) => r.payers.map((s) => s.party).join(", ").toLowerCase(),
};

function sortedRows(name) {
  const { key, dir } = state.sort[name];
  if (!key) return state.tables[name];
  const value = SORT_VALUE[key];
  return [...state.tables[name]].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return (x === null) - (y === null);
    if (x < y) return -dir;
    if (x > y) return dir;
    return 0;
  });
}

function deadlineRow(row) {
  const dates = [...new Set([row.start, row.end].filter(Boolean))].join(" – ");
  const when = cell("colWhen", el("span", { text: row.when }));
  if (dates) when.append(el("span", { class: "iso", text: dates }));
  if (row.recurring) when.append(el("span", { class: "iso", text: row.recurring }));
  return el("tr", { role: "row" },
    when,
    cell("colWhat", row.what || row.sentence),
    cell("colParties", row.parties.join(", ")),
    sourceCell(row));
}

function budgetRow(row) {
  const amount = cell("colAmount", el("span", { text: row.text }));
  if (row.period) amount.append(el("span", { class: "iso", text: row.period }));
  const payers = cell("colPayers", row.payers.map(payerText).join("; ") || "—");
  if (row.split_check && row.split_check !== "ok") {
    payers.append(el("span", { class: "flag", text: row.split_check }));
  }
  return el("tr", { role: "row" },
    amount,
    cell("colPurpose", row.purpose || row.sentence),
    payers,
    sourceCell(row));
}

function renderTable(name) {
  const panel = $("panel-" + name);
  const rows = state.tables[name] || [];
  const makeRow = name === "deadlines" ? deadlineRow : budgetRow;
  panel.querySelector("tbody").replaceChildren(...sortedRows(name).map(makeRow));
  panel.querySelector(".empty-note").hidden = rows.length > 0;
  for (const th of panel.querySelectorAll("th[data-key]")) {
    const { key, dir } = state.sort[name];
    if (th.dataset.key === key) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    else th.removeAttribute("aria-sort");
  }
}

function onSortClick(name, th) {
  const sort = state.sort[name];
  if (sort.key === th.dataset.key) sort.dir = -sort.dir;
  else state.sort[name] = { key: th.dataset.key, dir: 1 };
  if (state.tables[name]) renderTable(name);
}

// ------------------------------------------------------------------ compare and diff

function setStatus(id, text) {
  $(id).textContent = text || "";
}

async function fetchJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  return { response, body };
}

async function runCompare(topic) {
  const text = topic.trim();
  if (!text) {
    setStatus("compare-status", t("compareEmpty"));
    $("compare-topic").focus();
    return;
  }
  $("compare-topic").value = text;
  setStatus("compare-status", t("loading"));
  $("compare-send").disabled = true;
  const params = new URLSearchParams({ topic: text });
  const filter = currentFilter();
  if (filter.municipality) params.set("municipality", filter.municipality);
  try {
    const { response, body } = await fetchJson("/api/compare?" + params.toString());
    if (response.ok) {
      state.compare = body;
      setStatus("compare-status", "");
      renderCompare();
      history.replaceState(null, "", "?" + new URLSearchParams({ compare: text }).toString());
    } else if (response.status === 413) {
      setStatus("compare-status", t("compareTooLong"));
    } else if (response.status === 422) {
      setStatus("compare-status", t("compareEmpty"));
    } else {
      setStatus("compare-status", errorText(response.status, body));
    }
  } catch (_) {
    setStatus("compare-status", t("offline"));
  }
  $("compare-send").disabled = false;
}

function renderCompare() {
  const result = state.compare;
  $("compare-summary").textContent = t("compareSummary")(result.topic, result.covered, result.documents);
  const table = $("compare-table");
  table.querySelector("tbody").replaceChildren(...result.rows.map(compareRow));
  table.hidden = false;
}

function compareRow(row) {
  const covered = row.status !== "not covered";
  const document = cell("colDocument", el("span", { class: "doc-title", text: row.title }));
  if (row.kind !== "agreement") document.append(el("span", { class: "iso", text: t("notice") }));
  const clause = cell("colClause");
  if (covered) {
    clause.append(el("a", { href: row.url, text: row.label || row.section || "—" }));
    if (row.pages.length) clause.append(el("span", { class: "iso", text: "p. " + row.pages.slice(0, 3).join(", ") }));
    if (row.status === "no figure") clause.append(el("span", { class: "flag", text: t("noFigure") }));
  } else {
    clause.append(el("span", { class: "not-covered-note", text: t("notCovered") }));
  }
  const figures = cell("colFigures");
  if (row.figures.length) {
    figures.append(el("ul", { class: "figures" }, ...row.figures.map((f) => el("li", { text: f }))));
  }
  return el("tr", { role: "row", class: covered ? "covered" : "not-covered", "data-doc": row.doc },
    document, clause, row.quote ? cell("colSays", row.quote) : cell("colSays"), figures);
}

function renderDiffPickers() {
  const pickers = [$("diff-old"), $("diff-new")];
  pickers.forEach((select, n) => {
    const current = select.value;
    select.replaceChildren(...state.documents.map((d) => el("option", { value: d.id, text: d.short_title || d.title })));
    if ([...select.options].some((o) => o.value === current)) select.value = current;
    else if (state.documents.length > n) select.value = state.documents[n].id;
  });
}

async function runDiff() {
  const old = $("diff-old").value;
  const next = $("diff-new").value;
  if (!old || !next || old === next) {
    setStatus("diff-status", t("diffSame"));
    return;
  }
  setStatus("diff-status", t("loading"));
  $("diff-send").disabled = true;
  try {
    const { response, body } = await fetchJson("/api/diff?" + new URLSearchParams({ old, new: next }).toString());
    if (response.ok) {
      state.diff = body;
      setStatus("diff-status", "");
      renderDiff();
    } else {
      setStatus("diff-status", errorText(response.status, body));
    }
  } catch (_) {
    setStatus("diff-status", t("offline"));
  }
  $("diff-send").disabled = false;
}

function renderDiff() {
  const result = state.diff;
  const names = t("statuses");
  const summary = Object.entries(result.counts)
    .filter(([status, n]) => n || status !== "renumbered")
    .map(([status, n]) => `${n} ${names[status] || status}`);
  $("diff-summary").textContent = `${result.old.short_title} → ${result.new.short_title}: ${summary.join(" · ")}`;
  const table = $("diff-table");
  table.querySelector("tbody").replaceChildren(...result.pairs.map(diffRow));
  table.hidden = false;
}

function clauseLink(side) {
  return side ? el("a", { href: side.url, text: side.label || "—" }) : el("span", { text: "—" });
}

function diffRow(pair) {
  const names = t("statuses");
  const status = cell("colStatus", el("span", { class: "badge status-" + pair.status, text: names[pair.status] }));
  if (pair.renumbered) status.append(el("span", { class: "iso", text: names.renumbered }));
  const labels = cell("colLabels", clauseLink(pair.old), " → ", clauseLink(pair.new));
  const text = cell("colText");
  const words = el("p", { class: "word-diff" });
  if (pair.status === "changed") {
    for (const run of pair.words) {
      if (run.op === "equal") words.append(run.old + " ");
      if (run.old && run.op !== "equal" && run.op !== "insert") words.append(el("del", { text: run.old }), " ");
      if (run.new && run.op !== "equal" && run.op !== "delete") words.append(el("ins", { text: run.new }), " ");
    }
  } else if (pair.status === "new") {
    words.append(el("ins", { text: pair.new.text }));
  } else if (pair.status === "dropped") {
    words.append(el("del", { text: pair.old.text }));
  } else {
    words.textContent = pair.new.text;
  }
  text.append(words);
  const figures = cell("colChangedFigures");
  if (pair.figures.length) {
    figures.append(el("ul", { class: "figures" },
      ...pair.figures.map((f) => el("li", { text: `${f.old || "—"} → ${f.new || "—"}` }))));
  }
  return el("tr", { role: "row", class: "diff-" + pair.status }, status, labels, text, figures);
}

// ------------------------------------------------------------------ start

function start() {
  applyLanguage();
  $("lang-toggle").addEventListener("click", switchLanguage);
  $("ask").addEventListener("submit", (event) => {
    event.preventDefault();
    ask($("question").value);
  });
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ask($("question").value);
    }
  });
  $("filter").addEventListener("change", onFilterChange);
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    tab.addEventListener("click", () => selectTab(tab, false));
    tab.addEventListener("keydown", onTabKey);
  }
  for (const name of ["deadlines", "budgets"]) {
    for (const th of $("panel-" + name).querySelectorAll("th[data-key]")) {
      th.querySelector("button").addEventListener("click", () => onSortClick(name, th));
    }
  }
  $("compare-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runCompare($("compare-topic").value);
  });
  $("diff-form").addEventListener("submit", (event) => {
    event.preventDefault();
    runDiff();
  });
  updateDownloadLinks();
  loadDocuments();
  // "/?compare=buurtbemiddeling" (the link Slack and Teams send) opens the table on that topic
  const topic = new URLSearchParams(location.search).get("compare");
  if (topic) {
    selectTab($("tab-compare"), false);
    runCompare(topic);
  }
}

document.addEventListener("DOMContentLoaded", start);
