/* Rasd dashboard: a single page over the HTTP API (docs/api.md).
 *
 * Rules kept throughout, because article text and every API string is untrusted:
 *  - data reaches the DOM only as text (createTextNode / textContent) or attribute values set with
 *    setAttribute; never innerHTML. External links are kept only when they are http(s).
 *  - every request goes to this origin: the basemap and libraries are vendored under /static/vendor/;
 *    online tiles are added only when the page is opened with ?tiles=URL, and load only from the tile
 *    server that `rasd serve --tiles-origin` allows in the page's Content-Security-Policy.
 */
"use strict";

(() => {
  // ---------------------------------------------------------------- strings and labels
  const KINDS = [
    "armed_clash", "territory_gain_government", "territory_gain_nonstate", "airstrike", "shelling",
    "explosive_device", "suicide_bombing", "chemical_attack", "grenade", "attack_on_civilians", "abduction",
    "sexual_violence", "protest", "protest_intervention", "protest_excessive_force", "riot", "mob_violence",
    "arrest", "defection", "recruitment", "base_established", "forced_eviction", "looting", "agreement",
    "territory_transfer", "weapons_seizure", "other",
  ];
  const STANCES = ["confirms", "denies", "downplays", "reports"];

  const I18N = {
    ar: {
      "app.title": "رصد", "app.subtitle": "أحداث النزاع ومصادرها من الأخبار العربية",
      "lang.switch": "English", "health": "المقالات: {articles} · الأحداث: {events}",
      "filters.title": "التصفية", "filters.q": "بحث في الأماكن والفاعلين", "filters.kind": "نوع الحدث",
      "filters.actor": "الفاعل", "filters.place": "المكان", "filters.since": "من", "filters.until": "إلى",
      "filters.outlet": "الوسيلة الإعلامية", "filters.contested": "المتنازع عليها فقط",
      "filters.reset": "مسح التصفية", "filters.any": "الكل",
      "timeline.title": "الخط الزمني", "timeline.month": "شهرياً", "timeline.week": "أسبوعياً",
      "metric.events": "عدد الأحداث", "metric.fatalities": "القتلى", "metric.defectors": "المنشقون",
      "events.title": "الأحداث", "events.total": "العدد: {n}", "events.empty": "لا أحداث تطابق التصفية.",
      "col.date": "التاريخ", "col.kind": "النوع", "col.place": "المكان", "col.actors": "الفاعلون",
      "col.counts": "الأعداد", "col.sources": "التقارير", "col.stances": "المواقف",
      "pager.prev": "السابق", "pager.next": "التالي", "pager.info": "{from}–{to} من {total}",
      "map.without": "أحداث بلا إحداثيات لا تظهر على الخريطة: {n}", "map.open": "فتح الحدث",
      "map.unavailable": "مكتبات الخريطة غير متوفرة (شغّل make web).",
      "contested": "متنازع عليه", "source.article": "مصدر من نص المقالة", "back": "→ العودة إلى الأحداث", "back.event": "→ العودة إلى الحدث",
      "event.facts": "التفاصيل", "event.type": "التصنيف", "event.actors": "الفاعلون",
      "event.counts": "الأعداد", "event.qualities": "الصيغة", "event.coverage": "التغطية",
      "event.coverage.text": "التقارير: {reports} · المقالات: {articles} · الوسائل: {outlets} · المصادر: {sources}",
      "event.reasons": "سبب النزاع", "ledger.title": "سجل المصادر", "ledger.none": "لا مصادر.",
      "reports.title": "التقارير", "report.trigger": "الكلمة الدالة", "report.open": "عرض المقالة",
      "report.original": "المصدر الأصلي", "source.unknown": "مصدر غير مسمّى",
      "article.duplicate": "نسخة مكررة من مقالة سابقة:",
      "article.events": "الأحداث في هذه المقالة", "article.legend": "الدلالات",
      "article.evidence": "دليل حدث", "article.canonical": "الحدث الموحّد",
      "loading": "جارٍ التحميل…", "error.key": "مفتاح الواجهة البرمجية:",
      "live.on": "مباشر", "live.new": "أحداث جديدة: {n}",
      "stance.confirms": "يؤكّد", "stance.denies": "ينفي", "stance.downplays": "يقلّل", "stance.reports": "ينقل",
      "count.fatalities": "قتلى", "count.injured": "جرحى", "count.defectors": "منشقون",
      "count.displaced": "نازحون", "count.arrested": "معتقلون", "count.abducted": "مخطوفون",
      "role.actor1": "الفاعل الأول", "role.actor2": "الفاعل الثاني", "role.assoc_actor_1": "فاعل مرتبط",
      "role.assoc_actor_2": "فاعل مرتبط", "role.target": "المستهدف",
      "actor.inferred": "مستنتَج", "actor.inferred.why": "لا تسمّيه أي جملة من التقارير: طرف ACLED العام، أو المهاجم الذي يسمّيه المقال في موضع آخر، أو الخصم المعتاد للمهاجم",
      "reason.denied": "نفي", "reason.downplayed": "تقليل", "reason.counts_differ": "تباين الأعداد",
      "label.PER": "شخص", "label.PERS": "شخص", "label.ORG": "منظمة", "label.LOC": "مكان", "label.PLACE": "مكان",
      "label.ACTOR": "فاعل", "label.DATE": "تاريخ", "label.MISC": "أخرى",
      "kind.armed_clash": "اشتباك مسلح", "kind.territory_gain_government": "استعادة الحكومة أراضيَ",
      "kind.territory_gain_nonstate": "سيطرة جماعة مسلحة على أراضٍ", "kind.airstrike": "غارة جوية",
      "kind.shelling": "قصف مدفعي أو صاروخي", "kind.explosive_device": "عبوة ناسفة أو لغم",
      "kind.suicide_bombing": "تفجير انتحاري", "kind.chemical_attack": "هجوم كيميائي",
      "kind.grenade": "قنبلة يدوية", "kind.attack_on_civilians": "اعتداء على مدنيين",
      "kind.abduction": "خطف أو إخفاء قسري", "kind.sexual_violence": "عنف جنسي",
      "kind.protest": "احتجاج سلمي", "kind.protest_intervention": "احتجاج مع تدخل",
      "kind.protest_excessive_force": "قمع احتجاج بالقوة", "kind.riot": "شغب عنيف",
      "kind.mob_violence": "عنف جماعي", "kind.arrest": "اعتقال", "kind.defection": "انشقاق",
      "kind.recruitment": "تجنيد", "kind.base_established": "إنشاء مقر أو قاعدة",
      "kind.forced_eviction": "تهجير قسري", "kind.looting": "نهب", "kind.agreement": "اتفاق",
      "kind.territory_transfer": "انتقال سيطرة دون قتال", "kind.weapons_seizure": "ضبط أسلحة",
      "kind.other": "أخرى",
      "filters.country": "البلد", "filters.admin1": "المحافظة / الإقليم", "filters.placeName": "اسم المكان",
      "filters.grade": "درجة الموثوقية", "filters.negated": "تضمين ما نفت التقارير وقوعه",
      "col.grade": "الدرجة", "events.csv": "تنزيل CSV", "event.grade": "الدرجة", "event.precision": "دقة القراءة",
      "event.confidence": "الثقة", "col.confidence": "الثقة", "filters.minConfidence": "الحد الأدنى للثقة",
      "confidence.none": "بلا احتمال: استخرجته القواعد وحدها",
      "confidence.why": "احتمال (0–1) أن التقرير يصف حدثاً وقع، كما قدّره المستخرج؛ للحدث أعلى قيم تقاريره",
      "popup.confidence": "الثقة: {value}", "report.confidence": "الثقة", "csv.confidence": "الثقة",
      "grade.confirmed": "مؤكَّد", "grade.fair": "مقبول", "grade.weak": "ضعيف", "grade.contested": "متنازع عليه",
      "grade.discounted": "مستبعَد",
      "grade.confirmed.why": "الجهة الفاعلة تقرّ به", "grade.fair.why": "مصدران مستقلان أو أكثر",
      "grade.weak.why": "مصدر واحد", "grade.contested.why": "طرف أو مصدر ينفيه",
      "grade.discounted.why": "التقارير تنفي وقوعه",
      "precision.high": "عالية", "precision.medium": "متوسطة", "precision.low": "منخفضة",
      "precision.why": "صيغة جازمة، ومكان محدد، وتاريخ باليوم أو الأسبوع",
      "polarity.asserted": "وقع", "polarity.negated": "نُفي وقوعه", "certainty.certain": "بصيغة الجزم",
      "certainty.hedged": "بصيغة التحفّظ", "genericity.specific": "حدث محدد", "genericity.recurring": "نمط متكرر",
      "reason.negated_report": "تقرير ينفي وقوعه", "role.assoc": "فاعل مرتبط",
      "why.denied": "نفاه {who}", "why.downplayed": "قلّل منه {who}",
      "why.negated_report": "تقرير في {outlet} يقول إنه لم يقع", "why.counts_differ": "{what}: أرقام متباينة {figures}",
      "popup.coverage": "التقارير: {reports} · الوسائل: {outlets} · المصادر المستقلة: {sources}",
      "etype.Battles": "معارك", "etype.Explosions/Remote violence": "تفجيرات وعنف عن بعد",
      "etype.Violence against civilians": "عنف ضد المدنيين", "etype.Protests": "احتجاجات",
      "etype.Riots": "أعمال شغب", "etype.Strategic developments": "تطورات استراتيجية",
      "csv.date": "التاريخ", "csv.kind": "النوع", "csv.place": "المكان", "csv.admin1": "المحافظة",
      "csv.country": "البلد", "csv.actors": "الفاعلون", "csv.counts": "الأعداد", "csv.grade": "الدرجة",
      "csv.reports": "التقارير", "csv.outlets": "الوسائل", "csv.stances": "المواقف", "csv.contested": "أسباب النزاع",
      "csv.id": "المعرّف",
    },
    en: {
      "app.title": "Rasd", "app.subtitle": "Conflict events and their sources from Arabic news",
      "lang.switch": "العربية", "health": "{articles} articles · {events} events",
      "filters.title": "Filters", "filters.q": "Search places and actors", "filters.kind": "Event kind",
      "filters.actor": "Actor", "filters.place": "Place", "filters.since": "From", "filters.until": "To",
      "filters.outlet": "Outlet", "filters.contested": "Contested only",
      "filters.reset": "Clear filters", "filters.any": "Any",
      "timeline.title": "Timeline", "timeline.month": "Monthly", "timeline.week": "Weekly",
      "metric.events": "Events", "metric.fatalities": "Killed", "metric.defectors": "Defectors",
      "events.title": "Events", "events.total": "{n} events", "events.empty": "No events match the filters.",
      "col.date": "Date", "col.kind": "Kind", "col.place": "Place", "col.actors": "Actors",
      "col.counts": "Counts", "col.sources": "Reports", "col.stances": "Stances",
      "pager.prev": "Previous", "pager.next": "Next", "pager.info": "{from}–{to} of {total}",
      "map.without": "{n} events without coordinates are not on the map", "map.open": "Open event",
      "map.unavailable": "Map libraries are missing (run make web).",
      "contested": "contested", "back": "← Back to events", "back.event": "← Back to the event",
      "event.facts": "Details", "event.type": "Classification", "event.actors": "Actors",
      "event.counts": "Counts", "event.qualities": "Modality", "event.coverage": "Coverage",
      "event.coverage.text": "reports: {reports} · articles: {articles} · outlets: {outlets} · sources: {sources}",
      "event.reasons": "Why contested", "ledger.title": "Source ledger", "ledger.none": "No sources.",
      "reports.title": "Reports", "report.trigger": "Trigger", "report.open": "Open article",
      "report.original": "Original", "source.unknown": "unnamed source",
      "article.duplicate": "Near-duplicate of an earlier article:",
      "article.events": "Events in this article", "article.legend": "Legend",
      "article.evidence": "event evidence", "article.canonical": "canonical event",
      "loading": "Loading…", "error.key": "API key:",
      "live.on": "live", "live.new": "{n} new events",
      "stance.confirms": "Confirms", "stance.denies": "Denies", "stance.downplays": "Downplays",
      "stance.reports": "Reports",
      "count.fatalities": "killed", "count.injured": "injured", "count.defectors": "defectors",
      "count.displaced": "displaced", "count.arrested": "arrested", "count.abducted": "abducted",
      "role.actor1": "Actor 1", "role.actor2": "Actor 2", "role.assoc_actor_1": "Associated",
      "role.assoc_actor_2": "Associated", "role.target": "Target",
      "actor.inferred": "inferred", "actor.inferred.why": "no sentence of the reports names this side: ACLED's generic side, the attacker the article names elsewhere, or the attacker's usual adversary",
      "reason.denied": "denied", "reason.downplayed": "downplayed", "reason.counts_differ": "counts differ",
      "label.PER": "person", "label.PERS": "person", "label.ORG": "organisation", "label.LOC": "place",
      "label.PLACE": "place", "label.ACTOR": "actor", "label.DATE": "date", "label.MISC": "other",
      "kind.armed_clash": "Armed clash", "kind.territory_gain_government": "Government regains territory",
      "kind.territory_gain_nonstate": "Non-state actor takes territory", "kind.airstrike": "Air/drone strike",
      "kind.shelling": "Shelling/missile", "kind.explosive_device": "IED/landmine",
      "kind.suicide_bombing": "Suicide bombing", "kind.chemical_attack": "Chemical attack",
      "kind.grenade": "Grenade", "kind.attack_on_civilians": "Attack on civilians",
      "kind.abduction": "Abduction", "kind.sexual_violence": "Sexual violence",
      "kind.protest": "Protest", "kind.protest_intervention": "Protest with intervention",
      "kind.protest_excessive_force": "Excessive force on protesters", "kind.riot": "Riot",
      "kind.mob_violence": "Mob violence", "kind.arrest": "Arrest", "kind.defection": "Defection",
      "kind.recruitment": "Recruitment", "kind.base_established": "Base established",
      "kind.forced_eviction": "Forced eviction", "kind.looting": "Looting", "kind.agreement": "Agreement",
      "kind.territory_transfer": "Territory transfer", "kind.weapons_seizure": "Weapons seizure",
      "kind.other": "Other",
      "filters.country": "Country", "filters.admin1": "Province / region", "filters.placeName": "Place name",
      "filters.grade": "Grade", "filters.negated": "Include what reports say did not happen",
      "col.grade": "Grade", "events.csv": "Download CSV", "event.grade": "Grade",
      "event.precision": "Reading precision", "event.confidence": "Confidence", "col.confidence": "Confidence",
      "filters.minConfidence": "Minimum confidence",
      "confidence.none": "no probability: found by the rules alone",
      "confidence.why": "the extractor's probability (0–1) that the report describes an event that took place; an event has the highest of its reports'",
      "popup.confidence": "confidence: {value}", "report.confidence": "Confidence", "csv.confidence": "confidence",
      "grade.confirmed": "confirmed", "grade.fair": "fair", "grade.weak": "weak", "grade.contested": "contested",
      "grade.discounted": "discounted",
      "grade.confirmed.why": "the acting side admits it", "grade.fair.why": "two or more independent sources",
      "grade.weak.why": "a single source", "grade.contested.why": "a party or a source denies it",
      "grade.discounted.why": "the reports say it did not happen",
      "precision.high": "high", "precision.medium": "medium", "precision.low": "low",
      "precision.why": "plain language, a precise place, a date to the day or week",
      "polarity.asserted": "happened", "polarity.negated": "said not to have happened",
      "certainty.certain": "stated plainly", "certainty.hedged": "hedged", "genericity.specific": "one occurrence",
      "genericity.recurring": "a recurring pattern",
      "reason.negated_report": "a report says it did not happen", "role.assoc": "Associated",
      "why.denied": "denied by {who}", "why.downplayed": "downplayed by {who}",
      "why.negated_report": "a report in {outlet} says it did not happen",
      "why.counts_differ": "{what}: figures differ {figures}",
      "popup.coverage": "reports: {reports} · outlets: {outlets} · independent sources: {sources}",
      "etype.Battles": "Battles", "etype.Explosions/Remote violence": "Explosions/Remote violence",
      "etype.Violence against civilians": "Violence against civilians", "etype.Protests": "Protests",
      "etype.Riots": "Riots", "etype.Strategic developments": "Strategic developments",
      "csv.date": "date", "csv.kind": "kind", "csv.place": "place", "csv.admin1": "admin1", "csv.country": "country",
      "csv.actors": "actors", "csv.counts": "counts", "csv.grade": "grade", "csv.reports": "reports",
      "csv.outlets": "outlets", "csv.stances": "stances", "csv.contested": "contested reasons", "csv.id": "id",
    },
  };

  const KIND_COLOURS = {
    armed_clash: "#b2182b", airstrike: "#e41a1c", shelling: "#ff7f00", explosive_device: "#a65628",
    suicide_bombing: "#67001f", defection: "#6a3d9a", recruitment: "#cab2d6", arrest: "#1f78b4",
    abduction: "#2c7fb8", protest: "#33a02c", protest_intervention: "#66c2a4", attack_on_civilians: "#e7298a",
    territory_gain_government: "#8c510a", territory_gain_nonstate: "#bf812d", base_established: "#01665e",
    forced_eviction: "#f781bf", looting: "#999933", agreement: "#4daf4a", weapons_seizure: "#525252",
  };
  const FALLBACK_COLOURS = ["#17becf", "#bcbd22", "#8c564b", "#7f7f7f", "#9467bd", "#d62728", "#2ca02c"];
  const LABEL_COLOURS = { PER: "#fde68a", PERS: "#fde68a", ORG: "#bfdbfe", ACTOR: "#bfdbfe", LOC: "#bbf7d0",
                          PLACE: "#bbf7d0", DATE: "#fbcfe8", MISC: "#e5e7eb" };

  const LANG_KEY = "rasd.lang";
  const API_KEY = "rasd.apiKey";
  const PAGE_SIZE = 50;
  const MAP_LIMIT = 1000;

  const state = {
    lang: readStorage(LANG_KEY) === "en" ? "en" : "ar",
    facets: null,
    filters: null,
    offset: 0,
    sort: "-date",
    interval: "month",
    metric: "events",
    generation: 0,
    lastOverviewHash: "#/",
    route: null,
  };

  // ---------------------------------------------------------------- small helpers
  function readStorage(key) {
    try { return window.localStorage.getItem(key); } catch { return null; }
  }
  function writeStorage(key, value) {
    try { window.localStorage.setItem(key, value); } catch { /* private mode: not remembered */ }
  }

  function t(key, vars) {
    let s = I18N[state.lang][key] ?? I18N.en[key] ?? key;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
    return s;
  }

  /** Builds an element; strings and numbers among the children become text nodes, never markup. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) throw new Error("event handlers are added with addEventListener");
      if (k === "text") el.textContent = String(v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    append(el, children);
    return el;
  }
  function append(el, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  /** Bidi-isolated text: names mixing Arabic and Latin, numbers and dates keep their own order. */
  function bdi(text, dir) {
    return h("bdi", dir ? { dir } : {}, text ?? "");
  }
  /** The present parts, separated by a middle dot. */
  function joined(parts, sep = " · ") {
    return parts.filter((p) => p !== null && p !== undefined && p !== "").map((p, i) => (i ? [sep, p] : p));
  }
  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }
  /** Only http(s) links from the data are kept, so a `javascript:` URL can never become a link. */
  function safeUrl(url) {
    if (!url) return null;
    try {
      const u = new URL(String(url), window.location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch { return null; }
  }
  function externalLink(url, label, testid) {
    const href = safeUrl(url);
    if (!href) return null;
    return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", "data-testid": testid,
                    class: "external" }, label);
  }
  function kindColour(kind) {
    if (KIND_COLOURS[kind]) return KIND_COLOURS[kind];
    const i = Math.max(0, KINDS.indexOf(kind));
    return FALLBACK_COLOURS[i % FALLBACK_COLOURS.length];
  }
  function kindLabel(kind) { return t(`kind.${kind}`); }
  function kindBadge(kind) {
    const b = h("span", { class: "kind", "data-kind": kind }, kindLabel(kind));
    b.style.setProperty("--kind", kindColour(kind));
    return b;
  }
  function displayName(obj) {
    if (!obj) return "";
    return state.lang === "en" ? (obj.name_en || obj.name || "") : (obj.name || obj.name_en || "");
  }
  const ARABIC = /[\u0600-\u06ff]/;
  /** A name in the page's language; a name only known in Arabic (as the article writes it) is marked
   *  lang="ar", so it reads as quoted source text in the English page. */
  function nameNode(text, dir) {
    const el = bdi(text, dir);
    if (text && ARABIC.test(text)) el.setAttribute("lang", "ar");
    else if (text && state.lang === "ar") el.setAttribute("lang", "en");
    return el;
  }
  /** The name in the page's language, and in Arabic mode its English name beside it. */
  function bilingual(ar, en) {
    if (state.lang === "en") return nameNode(en || ar || "");
    if (en && ar && en !== ar) return [nameNode(ar), h("span", { class: "muted en-name" }, " (", nameNode(en), ")")];
    return nameNode(ar || en || "");
  }
  function gradeBadge(grade) {
    return grade ? h("span", { class: `grade grade-${grade}`, "data-testid": "grade", "data-grade": grade,
                               title: t(`grade.${grade}.why`) }, t(`grade.${grade}`)) : null;
  }
  /** The extractor's confidence (0–1) as two decimals; a dash, explained, for an event the rules alone
   *  found. data-confidence carries the value as the API sent it. */
  function confidenceNode(value, testid = "confidence") {
    const known = typeof value === "number";
    return h("span", { class: `confidence${known ? "" : " muted"}`, "data-testid": testid,
                       "data-confidence": known ? String(value) : "",
                       title: known ? t("confidence.why") : t("confidence.none") },
      bdi(known ? value.toFixed(2) : "—", "ltr"));
  }
  /** A date range at its precision: a whole month reads 2021-01, a whole year 2021. */
  function formatDate(date) {
    if (!date || !date.start) return "";
    const cut = { year: 4, month: 7 }[date.precision];
    if (cut && date.start.slice(0, cut) === (date.end || date.start).slice(0, cut)) return date.start.slice(0, cut);
    return date.end && date.end !== date.start ? `${date.start} – ${date.end}` : date.start;
  }
  function formatCount(c) {
    if (!c) return "";
    const best = c.best ?? c.low ?? c.high;
    const range = c.low != null && c.high != null && (c.low !== best || c.high !== best)
      ? ` (${c.low}–${c.high})` : "";
    return `${best ?? "?"}${range}`;
  }
  function countsText(counts) {
    return Object.entries(counts || {}).map(([what, c]) => `${formatCount(c)} ${t(`count.${what}`)}`);
  }
  function locationNode(loc) {
    if (!loc) return "";
    const a1 = state.lang === "en" ? loc.admin1 : (loc.admin1_ar || loc.admin1);
    const shown = [loc.name, loc.name_en];
    const admin = a1 && !shown.includes(a1) && !shown.includes(loc.admin1) ? a1 : null;
    const country = state.lang === "en" ? loc.country_name : null;
    return h("span", { class: "place", "data-testid": "place" }, bilingual(loc.name, loc.name_en),
      admin ? h("span", { class: "muted" }, " · ", nameNode(admin)) : null,
      country && !loc.name_en?.includes(country) ? h("span", { class: "muted" }, " · ", nameNode(country)) : null);
  }
  /** A side no sentence of the reports names (ACLED's generic side, the article's attacker, the usual
   *  adversary) is marked as Rasd's inference, with why on hover. */
  function inferredNode(a) {
    return a.inferred ? h("span", { class: "muted", title: t("actor.inferred.why"), "data-testid": "inferred" },
                          " (", t("actor.inferred"), ")") : null;
  }
  function actorsNode(actors) {
    return (actors || []).map((a, i) => [i ? (state.lang === "ar" ? "، " : ", ") : "",
                                         nameNode(displayName(a) || a.id), inferredNode(a)]);
  }
  /** Like t(), but the values may be DOM nodes (names keep their own language mark). */
  function tNodes(key, vars) {
    const s = I18N[state.lang][key] ?? I18N.en[key] ?? key;
    return s.split(/(\{\w+\})/).map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      return m ? (vars[m[1]] ?? "") : part;
    });
  }
  /** Why an event is contested, with who or what (nodes). */
  function whyText(d) {
    const who = d.speaker || d.organization || d.outlet;
    return tNodes(`why.${d.reason}`, { who: who ? nameNode(who) : t("source.unknown"),
      outlet: nameNode(d.outlet || ""), what: t(`count.${d.what}`), figures: (d.bests || []).join(" / ") });
  }
  function stanceSummary(stances) {
    const s = stances || {};
    return h("span", { class: "stances" }, STANCES.filter((k) => s[k]).map((k) =>
      h("span", { class: `stance stance-${k}`, title: t(`stance.${k}`), "data-stance": k },
        t(`stance.${k}`), " ", bdi(String(s[k]), "ltr"))));
  }

  // ---------------------------------------------------------------- API access
  class ApiError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === undefined || v === "" || v === false) continue;
      if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
      else q.append(k, String(v));
    }
    const s = q.toString();
    return s ? `?${s}` : "";
  }

  async function api(path, params) {
    const headers = { Accept: "application/json" };
    const key = readStorage(API_KEY);
    if (key) headers["X-API-Key"] = key;
    const res = await fetch(path + query(params || {}), { headers, credentials: "same-origin" });
    let body = null;
    try { body = await res.json(); } catch { body = null; }
    if (!res.ok) {
      const message = body && body.error && body.error.message ? body.error.message : `HTTP ${res.status}`;
      throw new ApiError(res.status, message);
    }
    return body;
  }

  function showError(err) {
    const box = document.getElementById("error");
    if (!err) { box.hidden = true; return; }
    document.getElementById("error-text").textContent = err.message || String(err);
    document.getElementById("api-key-box").hidden = !(err.status === 401 || err.status === 403);
    box.hidden = false;
  }

  // ---------------------------------------------------------------- routing (#/..., linkable views)
  function parseHash() {
    const raw = window.location.hash.replace(/^#/, "") || "/";
    const [path, qs] = raw.split("?", 2);
    const params = new URLSearchParams(qs || "");
    const parts = path.split("/").filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch { return p; } });
    if (parts[0] === "event" && parts[1]) return { view: "event", id: parts[1], params };
    if (parts[0] === "article" && parts[1]) return { view: "article", id: parts[1], params };
    return { view: "overview", params };
  }
  const eventHref = (id) => `#/event/${encodeURIComponent(id)}`;
  const articleHref = (id, eventId) =>
    `#/article/${encodeURIComponent(id)}${eventId ? `?event=${encodeURIComponent(eventId)}` : ""}`;

  function filtersFromParams(params) {
    return {
      kind: params.getAll("kind").filter((k) => k),
      outlet: params.getAll("outlet").filter((k) => k),
      actor: params.get("actor") || "",
      place: params.get("place") || "",
      country: params.get("country") || "",
      admin1: params.get("admin1") || "",
      grade: params.get("grade") || "",
      min_confidence: params.get("min_confidence") || "",
      include_negated: params.get("include_negated") === "true",
      since: params.get("since") || "",
      until: params.get("until") || "",
      q: params.get("q") || "",
      contested: params.get("contested") === "true",
    };
  }
  function filterParams(f) {
    return { kind: f.kind, actor: f.actor, place: f.place, country: f.country, admin1: f.admin1, grade: f.grade,
             min_confidence: f.min_confidence, since: f.since, until: f.until, outlet: f.outlet, q: f.q,
             contested: f.contested ? "true" : "", include_negated: f.include_negated ? "true" : "" };
  }
  function overviewHash(f, extra) {
    return `#/${query({ ...filterParams(f), ...(extra || {}) })}`;
  }

  // ---------------------------------------------------------------- language
  function applyLanguage() {
    const root = document.documentElement;
    root.lang = state.lang;
    root.dir = state.lang === "ar" ? "rtl" : "ltr";
    document.title = t("app.title");
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    document.getElementById("lang-toggle").textContent = t("lang.switch");
    document.getElementById("lang-toggle").setAttribute("lang", state.lang === "ar" ? "en" : "ar");
  }

  function renderHealth() {
    const health = state.health;
    if (!health) return;
    document.querySelector("[data-testid=health]").textContent =
      t("health", { articles: health.articles ?? 0, events: health.canonical_events ?? health.events ?? 0 });
  }

  function toggleLanguage() {
    state.lang = state.lang === "ar" ? "en" : "ar";
    writeStorage(LANG_KEY, state.lang);
    applyLanguage();
    renderHealth();
    renderFilterOptions();
    render(true);
  }

  // ---------------------------------------------------------------- filters
  function fillSelect(select, items, valueOf, labelOf, current) {
    clear(select);
    select.appendChild(h("option", { value: "" }, t("filters.any")));
    let found = !current;
    for (const item of items) {
      const value = String(valueOf(item));
      if (value === current) found = true;
      select.appendChild(h("option", { value }, `${labelOf(item)} (${item.n})`));
    }
    if (!found) select.appendChild(h("option", { value: current }, current));
    select.value = current || "";
  }

  function renderFilterOptions() {
    const f = state.filters;
    const facets = state.facets || { kinds: [], actors: [], places: [], outlets: [] };
    const counts = Object.fromEntries((facets.kinds || []).map((k) => [k.kind, k.n]));
    const kinds = KINDS.filter((k) => counts[k] || f.kind.includes(k))
      .concat((facets.kinds || []).map((k) => k.kind).filter((k) => !KINDS.includes(k)));
    const kindBox = clear(document.getElementById("f-kinds"));
    for (const kind of kinds) {
      const input = h("input", { type: "checkbox", value: kind, "data-testid": `filter-kind-${kind}`,
                                 checked: f.kind.includes(kind) });
      input.addEventListener("change", onFilterInput);
      const swatch = h("span", { class: "swatch" });
      swatch.style.background = kindColour(kind);
      kindBox.appendChild(h("label", { class: "check" }, input, swatch, kindLabel(kind), " ",
        h("span", { class: "muted" }, bdi(String(counts[kind] ?? 0), "ltr"))));
    }
    // option labels are plain text: in English an actor known only in Arabic is listed by its id
    fillSelect(document.getElementById("f-actor"), (facets.actors || []).slice(0, 500), (a) => a.id,
               (a) => (state.lang === "en" ? a.name_en || a.id : a.name || a.name_en || a.id), f.actor);
    fillSelect(document.getElementById("f-country"), facets.countries || [], (c) => c.country,
               (c) => (state.lang === "en" ? c.name : c.name_ar || c.name) || c.country, f.country);
    const admin1 = (facets.admin1 || []).filter((a) => !f.country || a.country === f.country);
    fillSelect(document.getElementById("f-admin1"), admin1, (a) => a.admin1,
               (a) => (state.lang === "en" ? a.name_en : [a.name, a.name_en].filter(Boolean).join(" · ")) || a.admin1,
               f.admin1);
    fillSelect(document.getElementById("f-grade"), facets.grades || [], (g) => g.grade,
               (g) => t(`grade.${g.grade}`), f.grade);
    document.getElementById("f-place").value = f.place;
    const minConfidence = document.getElementById("f-min-confidence");
    if (f.min_confidence && ![...minConfidence.options].some((o) => o.value === f.min_confidence)) {
      minConfidence.appendChild(h("option", { value: f.min_confidence }, `≥ ${f.min_confidence}`));  // from a link
    }
    minConfidence.value = f.min_confidence;
    document.getElementById("f-negated").checked = f.include_negated;
    const outletBox = clear(document.getElementById("f-outlets"));
    const outlets = (facets.outlets || []).map((o) => o.outlet);
    for (const o of f.outlet) if (!outlets.includes(o)) outlets.push(o);
    for (const outlet of outlets) {
      const n = (facets.outlets || []).find((o) => o.outlet === outlet)?.n ?? 0;
      const input = h("input", { type: "checkbox", value: outlet, "data-testid": "filter-outlet",
                                 checked: f.outlet.includes(outlet) });
      input.addEventListener("change", onFilterInput);
      outletBox.appendChild(h("label", { class: "check" }, input, nameNode(outlet), " ",
        h("span", { class: "muted" }, bdi(String(n), "ltr"))));
    }
    const since = document.getElementById("f-since");
    const until = document.getElementById("f-until");
    for (const el of [since, until]) {
      if (facets.date_min) el.min = facets.date_min; if (facets.date_max) el.max = facets.date_max;
    }
    since.value = f.since; until.value = f.until;
    document.getElementById("f-q").value = f.q;
    document.getElementById("f-contested").checked = f.contested;
  }

  function readFilterInputs() {
    const checked = (box) => [...document.querySelectorAll(`#${box} input:checked`)].map((i) => i.value);
    return {
      kind: checked("f-kinds"),
      outlet: checked("f-outlets"),
      actor: document.getElementById("f-actor").value,
      place: document.getElementById("f-place").value.trim(),
      country: document.getElementById("f-country").value,
      admin1: document.getElementById("f-admin1").value,
      grade: document.getElementById("f-grade").value,
      min_confidence: document.getElementById("f-min-confidence").value,
      include_negated: document.getElementById("f-negated").checked,
      since: document.getElementById("f-since").value,
      until: document.getElementById("f-until").value,
      q: document.getElementById("f-q").value.trim(),
      contested: document.getElementById("f-contested").checked,
    };
  }

  let filterTimer = null;
  function onFilterInput(ev) {
    clearTimeout(filterTimer);
    const delay = ev && ev.target && ev.target.type === "search" ? 300 : 0;
    filterTimer = setTimeout(() => {
      const hash = overviewHash(readFilterInputs());
      if (window.location.hash !== hash) window.location.hash = hash;
      else render();
    }, delay);
  }

  // ---------------------------------------------------------------- map
  const map = { leaflet: null, cluster: null, tiles: null, fitted: "" };

  function initMap() {
    const el = document.getElementById("map");
    if (!window.L) { el.textContent = t("map.unavailable"); return; }
    const L = window.L;
    map.leaflet = L.map(el, { worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5 });
    map.leaflet.setView([33.5, 38.5], 5);  // until the data says where it is
    map.leaflet.attributionControl.setPrefix(false);
    const tiles = safeUrl(new URLSearchParams(window.location.search).get("tiles"));
    if (tiles) {
      // Opt-in only: the URL template comes from the page address, e.g. ?tiles=https://…/{z}/{x}/{y}.png
      L.tileLayer(decodeURI(tiles), { maxZoom: 18, attribution: "tiles" }).addTo(map.leaflet);
    }
    fetch("/static/vendor/countries-50m.json").then((r) => (r.ok ? r.json() : null)).then((topo) => {
      if (!topo || !window.topojson) return;
      const countries = window.topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#8c8c8c", weight: 0.8, fillColor: "#f3f1ea", fillOpacity: tiles ? 0 : 1 },
      }).addTo(map.leaflet).bringToBack();
      map.leaflet.attributionControl.addAttribution("Natural Earth");
    }).catch(() => { /* the points still show without a basemap */ });
    map.cluster = L.markerClusterGroup
      ? L.markerClusterGroup({ iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 45 })
      : L.layerGroup();
    map.cluster.addTo(map.leaflet);
    // for scripts that drive the page (the browser tests zoom and open pop-ups with them)
    window.rasdMap = map.leaflet;
    window.rasdMarkers = map.cluster;
  }

  /** A cluster is a ring whose arcs are the kinds inside it, so colour-by-kind survives clustering. */
  function clusterIcon(cluster) {
    const byKind = {};
    const markers = cluster.getAllChildMarkers();
    for (const m of markers) byKind[m.options.kind] = (byKind[m.options.kind] || 0) + 1;
    let angle = 0;
    const stops = [];
    for (const [kind, n] of Object.entries(byKind).sort((a, b) => b[1] - a[1])) {
      const next = angle + (360 * n) / markers.length;
      stops.push(`${kindColour(kind)} ${angle}deg ${next}deg`);
      angle = next;
    }
    const el = h("div", { class: "cluster", "data-testid": "map-cluster", "data-count": markers.length },
                 h("span", {}, String(markers.length)));
    el.style.background = `conic-gradient(${stops.join(", ")})`;
    const size = markers.length < 10 ? 30 : markers.length < 100 ? 38 : 46;
    return window.L.divIcon({ html: el, className: "cluster-icon", iconSize: window.L.point(size, size) });
  }

  function popupFor(p) {
    const counts = countsText(p.counts);
    return h("div", { class: "popup", dir: document.documentElement.dir, "data-testid": "map-popup" },
      kindBadge(p.kind), " ", bdi(formatDate(p.date), "ltr"), " ", gradeBadge(p.grade),
      h("div", {}, locationNode(p.location || { name: p.location_name })),
      (p.actors || []).length ? h("div", { "data-testid": "popup-actors" }, actorsNode(p.actors)) : null,
      counts.length ? h("div", { "data-testid": "popup-counts" }, counts.map((c, i) => [i ? " · " : "", bdi(c)])) : null,
      h("div", { class: "muted", "data-testid": "popup-sources" }, t("popup.coverage", {
        reports: p.n_reports ?? 0, outlets: p.n_outlets ?? 0, sources: p.n_independent ?? 0 })),
      h("div", { "data-testid": "popup-confidence" },
        tNodes("popup.confidence", { value: confidenceNode(p.confidence) })),
      p.contested ? h("div", { class: "muted" }, (p.contested_detail || []).map((d, i) => [i ? "; " : "", whyText(d)]))
        : null,
      h("div", {}, h("a", { href: eventHref(p.id), "data-testid": "map-popup-link" }, t("map.open"))));
  }

  /** The box holding the middle 90 % of the points in latitude and in longitude: where the data is (a few
   *  far-away events do not zoom the map out to the whole world). */
  function dataExtent(features) {
    const lats = [];
    const lons = [];
    for (const f of features) {
      if (!f.geometry || f.geometry.type !== "Point") continue;
      lons.push(f.geometry.coordinates[0]);
      lats.push(f.geometry.coordinates[1]);
    }
    const cut = (xs) => {
      xs.sort((a, b) => a - b);
      const k = Math.floor(xs.length * 0.05);
      return [xs[k], xs[xs.length - 1 - k]];
    };
    const [s, n] = cut(lats);
    const [w, e] = cut(lons);
    return [s, w, n, e];
  }

  function renderMap(geo, fitKey) {
    if (!map.leaflet) return;
    const L = window.L;
    map.leaflet.invalidateSize();
    map.cluster.clearLayers();
    const markers = [];
    for (const f of geo.features || []) {
      if (!f.geometry || f.geometry.type !== "Point") continue;
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties || {};
      const m = L.circleMarker([lat, lon], {
        radius: 7, color: "#ffffff", weight: 1.5, fillColor: kindColour(p.kind), fillOpacity: 0.9,
        kind: p.kind, eventId: p.id, className: `point point-${p.kind}`,
      });
      m.bindPopup(() => popupFor(p));
      markers.push(m);
    }
    if (map.cluster.addLayers) map.cluster.addLayers(markers); else markers.forEach((m) => map.cluster.addLayer(m));
    const el = document.getElementById("map");
    el.dataset.points = String(markers.length);
    const without = geo.without_coordinates || 0;
    document.getElementById("map-note").textContent = without ? t("map.without", { n: without }) : "";
    if (markers.length && map.fitted !== fitKey) {
      map.fitted = fitKey;
      const [s, w, n, e] = dataExtent(geo.features || []);
      el.dataset.extent = [s, w, n, e].map((x) => x.toFixed(4)).join(",");
      map.leaflet.fitBounds(L.latLngBounds([s, w], [n, e]).pad(0.1), { maxZoom: 8, animate: false });
      const b = map.leaflet.getBounds();
      el.dataset.view = [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()].map((x) => x.toFixed(4)).join(",");
    }
  }

  // ---------------------------------------------------------------- timeline
  const timeline = { chart: null };

  /** Every month (or ISO week) from the first to the last, so a month without events shows as a gap. */
  function continuousPeriods(periods, interval) {
    if (periods.length < 2) return periods;
    const out = [];
    if (interval === "week") {
      const monday = (p) => {
        const [y, w] = p.split("-W").map(Number);
        const jan4 = new Date(Date.UTC(y, 0, 4));
        const start = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000);
        return new Date(start.getTime() + (w - 1) * 7 * 86400000);
      };
      const label = (d) => {
        const t0 = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 3));
        const y = t0.getUTCFullYear();
        const jan4 = new Date(Date.UTC(y, 0, 4));
        const week = 1 + Math.round(((t0 - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
        return `${y}-W${String(week).padStart(2, "0")}`;
      };
      for (let d = monday(periods[0]), end = monday(periods[periods.length - 1]); d <= end;
        d = new Date(d.getTime() + 7 * 86400000)) out.push(label(d));
      return out;
    }
    let [y, m] = periods[0].split("-").map(Number);
    const [y1, m1] = periods[periods.length - 1].split("-").map(Number);
    while (y < y1 || (y === y1 && m <= m1)) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function renderTimeline(ts) {
    const box = document.getElementById("timeline-box");
    const series = ts.series || [];
    const periods = continuousPeriods([...new Set(series.map((s) => s.period))].sort(), ts.interval);
    const kinds = (ts.kinds && ts.kinds.length ? ts.kinds : [...new Set(series.map((s) => s.kind))]);
    box.dataset.periods = String(periods.length);
    box.dataset.first = periods[0] || "";
    box.dataset.last = periods[periods.length - 1] || "";
    box.dataset.empty = String(periods.filter((p) => !series.some((s) => s.period === p)).length);
    box.dataset.kinds = kinds.join(" ");
    // Defector totals are an extension of the contract: offer them only when the server sends them.
    document.querySelector("#timeline-metric option[value=defectors]").hidden =
      !series.some((s) => "defectors" in s);
    const index = new Map(periods.map((p, i) => [p, i]));
    const datasets = kinds.map((kind) => {
      const data = new Array(periods.length).fill(0);
      for (const s of series) if (s.kind === kind) data[index.get(s.period)] += s[state.metric] || 0;
      return { label: kindLabel(kind), data, backgroundColor: kindColour(kind), kind };
    }).filter((d) => d.data.some((v) => v));
    if (!window.Chart) { box.textContent = periods.map((p) => p).join(" · "); return; }
    const rtl = document.documentElement.dir === "rtl";
    const config = {
      type: "bar",
      data: { labels: periods, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, locale: state.lang,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 },
                                            position: rtl ? "right" : "left" } },
        plugins: { legend: { position: "bottom", rtl, textDirection: rtl ? "rtl" : "ltr",
                             labels: { boxWidth: 10, font: { size: 11 } } },
                   tooltip: { rtl, textDirection: rtl ? "rtl" : "ltr" } },
        onClick: (_ev, elements) => {
          if (!elements.length) return;
          const period = periods[elements[0].index];
          const m = /^(\d{4})-(\d{2})$/.exec(period);
          if (!m) return;
          const last = new Date(Date.UTC(+m[1], +m[2], 0)).getUTCDate();
          const f = { ...state.filters, since: `${period}-01`, until: `${period}-${String(last).padStart(2, "0")}` };
          window.location.hash = overviewHash(f);
        },
      },
    };
    if (timeline.chart) timeline.chart.destroy();
    timeline.chart = new window.Chart(document.getElementById("timeline"), config);
  }

  // ---------------------------------------------------------------- event table
  function renderTable(page) {
    const body = clear(document.getElementById("events-body"));
    for (const ev of page.events || []) {
      const row = h("tr", { "data-testid": "event-row", "data-event-id": ev.id, "data-kind": ev.kind,
                            class: ev.contested ? "contested" : null },
        h("td", {}, h("a", { href: eventHref(ev.id), "data-testid": "event-link" },
          bdi(formatDate(ev.date) || "—", "ltr"))),
        h("td", {}, kindBadge(ev.kind)),
        h("td", {}, locationNode(ev.location)),
        h("td", {}, actorsNode(ev.actors)),
        h("td", {}, countsText(ev.counts).map((s, i) => [i ? " · " : "", bdi(s)])),
        h("td", {}, gradeBadge(ev.grade)),
        h("td", {}, confidenceNode(ev.confidence)),
        h("td", {}, bdi(`${ev.n_reports ?? 0} / ${ev.n_outlets ?? 0}`, "ltr")),
        h("td", {}, stanceSummary(ev.stances),
          ev.contested ? h("span", { class: "badge-contested", "data-testid": "contested" }, t("contested")) : null));
      row.addEventListener("click", (e) => {
        if (e.target.closest("a")) return;
        window.location.hash = eventHref(ev.id);
      });
      body.appendChild(row);
    }
    const total = page.total ?? 0;
    document.getElementById("events-total").textContent = t("events.total", { n: total });
    document.getElementById("events-empty").hidden = total > 0;
    const from = total ? page.offset + 1 : 0;
    const to = page.offset + (page.events || []).length;
    document.getElementById("page-info").textContent = t("pager.info", { from, to, total });
    document.getElementById("page-prev").disabled = page.offset <= 0;
    document.getElementById("page-next").disabled = to >= total;
    document.getElementById("sort-date").dataset.sort = state.sort;
  }

  // ---------------------------------------------------------------- CSV of what the table shows
  function csvCell(v) {
    const s = String(v ?? "");
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }
  function textOf(node) {
    const box = h("span", {});
    append(box, [node]);
    return box.textContent;
  }
  /** Every event that passes the filters (all pages, in the table's order), with the table's columns in the
   *  page's language. */
  async function downloadCsv() {
    const params = filterParams(state.filters);
    const events = [];
    for (let offset = 0; ; offset += 1000) {
      const page = await api("/events", { ...params, limit: 1000, offset, sort: state.sort });
      events.push(...(page.events || []));
      if (events.length >= (page.total ?? 0) || !(page.events || []).length) break;
    }
    const head = ["id", "date", "kind", "place", "admin1", "country", "actors", "counts", "grade", "confidence",
                  "reports", "outlets", "stances", "contested"].map((k) => t(`csv.${k}`));
    const lines = [head.map(csvCell).join(",")];
    for (const ev of events) {
      const loc = ev.location || {};
      lines.push([ev.id, formatDate(ev.date), kindLabel(ev.kind), displayName(loc),
        state.lang === "en" ? loc.admin1 : loc.admin1_ar || loc.admin1,
        loc.country_name, textOf(actorsNode(ev.actors)),
        countsText(ev.counts).join(" · "), t(`grade.${ev.grade}`), ev.confidence ?? "", ev.n_reports, ev.n_outlets,
        STANCES.filter((k) => (ev.stances || {})[k]).map((k) => `${t(`stance.${k}`)} ${ev.stances[k]}`).join(" · "),
        (ev.contested_detail || []).map((d) => textOf(whyText(d))).join("; ")].map(csvCell).join(","));
    }
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = h("a", { href: URL.createObjectURL(blob), download: "rasd-events.csv", hidden: true });
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ---------------------------------------------------------------- views
  function showView(name) {
    for (const v of ["overview", "event", "article"]) {
      document.getElementById(`view-${v}`).hidden = v !== name;
    }
    document.body.dataset.view = name;
  }

  async function renderOverview(force) {
    const route = state.route;
    state.filters = filtersFromParams(route.params);
    state.offset = Math.max(0, parseInt(route.params.get("offset") || "0", 10) || 0);
    state.sort = route.params.get("sort") || "-date";
    showView("overview");
    renderFilterOptions();
    const generation = ++state.generation;
    const params = filterParams(state.filters);
    const fitKey = JSON.stringify(params);
    document.body.dataset.state = "loading";
    try {
      const [page, geo, ts] = await Promise.all([
        api("/events", { ...params, limit: PAGE_SIZE, offset: state.offset, sort: state.sort }),
        api("/events", { ...params, limit: MAP_LIMIT, format: "geojson" }),
        api("/stats/timeseries", { ...params, interval: state.interval }),
      ]);
      if (generation !== state.generation) return;
      showError(null);
      renderTable(page);
      if (force) map.fitted = "";
      renderMap(geo, fitKey);
      renderTimeline(ts);
      if (map.leaflet) map.leaflet.invalidateSize();
      document.body.dataset.state = "ready";
    } catch (err) {
      if (generation !== state.generation) return;
      showError(err);
      document.body.dataset.state = "error";
    }
  }

  function sourceCard(src, eventId) {
    const meta = [src.role, src.organization].filter(Boolean);
    return h("article", { class: `source stance-${src.stance}`, "data-testid": "ledger-source",
                          "data-stance": src.stance },
      h("div", { class: "speaker", "data-testid": "source-speaker" },
        src.speaker ? nameNode(src.speaker) : t("source.unknown")),
      meta.length ? h("div", { class: "muted", "data-testid": "source-role" },
        meta.map((m, i) => [i ? " · " : "", nameNode(m)])) : null,
      src.quote ? h("blockquote", { dir: "rtl", lang: "ar", "data-testid": "source-quote" }, src.quote) : null,
      h("div", { class: "source-meta" },
        joined([src.outlet ? nameNode(src.outlet) : null, src.published ? bdi(src.published, "ltr") : null]), " ",
        src.article_id ? h("a", { href: articleHref(src.article_id, eventId), "data-testid": "source-article-link" },
          t("report.open")) : null));
  }

  function renderLedger(ev) {
    const sources = ev.sources || [];
    const grid = h("div", { class: "ledger", "data-testid": "ledger" });
    for (const stance of STANCES) {
      const mine = sources.filter((s) => s.stance === stance);
      grid.appendChild(h("div", { class: `ledger-col stance-${stance}`, "data-testid": `ledger-col-${stance}`,
                                  "data-stance": stance },
        h("h4", {}, t(`stance.${stance}`), " ", h("span", { class: "muted" }, bdi(String(mine.length), "ltr"))),
        mine.map((s) => sourceCard(s, ev.id))));
    }
    return h("section", { class: "panel" }, h("h3", {}, t("ledger.title")),
             sources.length ? grid : h("p", { class: "muted" }, t("ledger.none")));
  }

  function renderReports(ev) {
    return h("section", { class: "panel" }, h("h3", {}, t("reports.title")),
      h("ol", { class: "reports" }, (ev.reports || []).map((r) =>
        h("li", { class: "report", "data-testid": "report", "data-article-id": r.article_id },
          h("div", { class: "report-title", dir: "auto" }, nameNode(r.title || r.article_id)),
          h("div", { class: "muted" }, joined([
            r.outlet ? nameNode(r.outlet) : null,
            r.published ? bdi(r.published, "ltr") : null,
            r.trigger ? [t("report.trigger"), ": ", h("q", { lang: "ar" }, r.trigger)] : null,
            [t("report.confidence"), ": ", confidenceNode(r.confidence, "report-confidence")]])),
          (r.evidence || []).map((e) => h("blockquote", { lang: "ar", dir: "rtl", class: "evidence" }, e.text)),
          h("div", { class: "links" },
            h("a", { href: articleHref(r.article_id, ev.id), "data-testid": "report-article-link" }, t("report.open")),
            " ", externalLink(r.url, t("report.original"), "report-url"))))));
  }

  /** Shows a detail view ("event", "article") while ``path`` loads: its data and the emptied view, or null
   *  when the request failed (the error is shown with a way back) or a later navigation overtook it. */
  async function loadDetail(name, path) {
    showView(name);
    const view = clear(document.getElementById(`view-${name}`));
    view.appendChild(h("p", { class: "muted" }, t("loading")));
    const generation = ++state.generation;
    document.body.dataset.state = "loading";
    let data;
    try {
      data = await api(path);
    } catch (err) {
      if (generation !== state.generation) return null;
      clear(view).appendChild(h("a", { href: state.lastOverviewHash, class: "back", "data-testid": "back" }, t("back")));
      showError(err);
      document.body.dataset.state = "error";
      return null;
    }
    if (generation !== state.generation) return null;
    showError(null);
    clear(view);
    return { view, data };
  }

  async function renderEvent(id) {
    const loaded = await loadDetail("event", `/events/${encodeURIComponent(id)}`);
    if (!loaded) return;
    const { view, data: ev } = loaded;
    const facts = h("dl", { class: "facts" },
      h("dt", {}, t("event.type")), h("dd", {}, `${t(`etype.${ev.event_type}`)} / ${kindLabel(ev.kind)}`),
      h("dt", {}, t("event.grade")), h("dd", { "data-testid": "event-grade" }, gradeBadge(ev.grade), " ",
        h("span", { class: "muted" }, t(`grade.${ev.grade}.why`))),  // who: in "why contested" below
      h("dt", {}, t("event.confidence")), h("dd", { "data-testid": "event-confidence" },
        confidenceNode(ev.confidence), " ",
        h("span", { class: "muted" }, ev.confidence == null ? t("confidence.none") : t("confidence.why"))),
      h("dt", {}, t("event.precision")), h("dd", { "data-testid": "event-precision",
                                                   "data-precision": ev.precision },
        t(`precision.${ev.precision}`), " ", h("span", { class: "muted" }, t("precision.why"))),
      h("dt", {}, t("event.actors")), h("dd", { "data-testid": "event-actors" },
        (ev.actors || []).map((a) => h("div", {}, t(`role.${a.role}`), ": ", nameNode(displayName(a) || a.id),
                                        inferredNode(a)))),
      h("dt", {}, t("event.counts")), h("dd", { "data-testid": "event-counts" },
        countsText(ev.counts).map((s) => h("div", {}, bdi(s)))),
      h("dt", {}, t("event.qualities")), h("dd", {}, [t(`polarity.${ev.polarity}`), t(`certainty.${ev.certainty}`),
        t(`genericity.${ev.genericity}`)].join(" · ")),
      h("dt", {}, t("event.coverage")), h("dd", {}, t("event.coverage.text", {
        reports: ev.n_reports ?? 0, articles: ev.n_articles ?? 0, outlets: ev.n_outlets ?? 0,
        sources: ev.n_sources ?? 0 })),
      ev.contested && (ev.contested_detail || []).length ? [h("dt", {}, t("event.reasons")),
        h("dd", { "data-testid": "contested-why" }, h("ul", { class: "why" }, (ev.contested_detail || []).map((d) =>
          h("li", { "data-reason": d.reason }, whyText(d), d.quote ? [" ", h("q", { lang: "ar", dir: "rtl" }, d.quote)]
            : null))))] : null);
    append(view, [
      h("a", { href: state.lastOverviewHash, class: "back", "data-testid": "back" }, t("back")),
      h("header", { class: "detail-head", "data-testid": "event-head", "data-event-id": ev.id, "data-kind": ev.kind },
        kindBadge(ev.kind), " ", gradeBadge(ev.grade), " ", h("h2", {}, locationNode(ev.location)), " ",
        h("span", { class: "date", "data-testid": "event-date" }, bdi(formatDate(ev.date), "ltr")),
        ev.contested ? h("span", { class: "badge-contested", "data-testid": "contested" }, t("contested")) : null),
      h("section", { class: "panel" }, h("h3", {}, t("event.facts")), facts),
      renderLedger(ev),
      renderReports(ev),
    ]);
    document.body.dataset.state = "ready";
  }

  /** Converts Python code-point offsets to JS string indices (they differ only past the BMP). */
  function offsetMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    const index = [];
    let u = 0;
    for (const ch of text) { index.push(u); u += ch.length; }
    index.push(u);
    return (i) => index[Math.max(0, Math.min(i, index.length - 1))];
  }

  /** Splits the text at every span boundary; each piece is wrapped by the evidence and entity spans
   *  that cover it, all as DOM nodes around text nodes. */
  function highlightedText(text, mentions, events, focusEvent) {
    const toIndex = offsetMapper(text);
    const spans = [];
    for (const m of mentions || []) {
      spans.push({ type: "entity", start: toIndex(m.start), end: toIndex(m.end), m });
    }
    for (const e of events || []) {
      for (const ev of e.evidence || []) {
        spans.push({ type: "evidence", start: toIndex(ev.start), end: toIndex(ev.end), e });
      }
    }
    const valid = spans.filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) &&
                                      s.start < s.end && s.start >= 0 && s.end <= text.length);
    const cuts = new Set([0, text.length]);
    for (const s of valid) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = h("div", { class: "article-text", "data-testid": "article-text", lang: "ar", dir: "rtl" });
    let lastEntity = null;
    let lastEvidence = null;
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = valid.filter((s) => s.start <= a && s.end >= b);
      const ent = covering.filter((s) => s.type === "entity").sort((x, y) => (x.end - x.start) - (y.end - y.start))[0];
      const evd = covering.find((s) => s.type === "evidence" && focusEvent && s.e.canonical_id === focusEvent)
        || covering.find((s) => s.type === "evidence");
      let node = document.createTextNode(piece);
      if (ent) {
        const span = h("span", { class: "entity", "data-testid": "entity", "data-label": ent.m.label,
                                 "data-ref": ent.m.ref, title: `${t(`label.${ent.m.label}`)}${ent.m.ref ? ` · ${ent.m.ref}` : ""}`,
                                 "data-part": lastEntity === ent ? "cont" : null });
        span.style.setProperty("--label", LABEL_COLOURS[ent.m.label] || "#e5e7eb");
        span.appendChild(node);
        node = span;
      }
      if (evd) {
        const focus = focusEvent && evd.e.canonical_id === focusEvent;
        const mark = h("mark", { class: `evidence${focus ? " focus" : ""}`, "data-testid": "evidence",
                                 "data-event-id": evd.e.event_id, "data-canonical-id": evd.e.canonical_id,
                                 "data-kind": evd.e.kind, title: kindLabel(evd.e.kind),
                                 "data-part": lastEvidence === evd ? "cont" : null });
        mark.style.setProperty("--kind", kindColour(evd.e.kind));
        mark.appendChild(node);
        node = mark;
      }
      lastEntity = ent || null;
      lastEvidence = evd || null;
      out.appendChild(node);
    }
    return out;
  }

  async function renderArticle(id, focusEvent) {
    const loaded = await loadDetail("article", `/articles/${encodeURIComponent(id)}`);
    if (!loaded) return;
    const { view, data: art } = loaded;
    const labels = [...new Set((art.mentions || []).map((m) => m.label))];
    const legend = h("div", { class: "legend", "data-testid": "article-legend",
                              hidden: !labels.length && !(art.events || []).length }, t("article.legend"), ": ",
      labels.map((l) => {
        const s = h("span", { class: "entity", "data-label": l }, t(`label.${l}`));
        s.style.setProperty("--label", LABEL_COLOURS[l] || "#e5e7eb");
        return [s, " "];
      }),
      (art.events || []).length ? h("mark", { class: "evidence" }, t("article.evidence")) : null);
    const events = h("ul", { class: "article-events", "data-testid": "article-events" },
      (art.events || []).map((e) => h("li", { "data-testid": "article-event", "data-kind": e.kind },
        kindBadge(e.kind), " ", e.trigger ? h("q", { lang: "ar" }, e.trigger) : null, " ",
        e.canonical_id ? h("a", { href: eventHref(e.canonical_id), "data-testid": "article-event-link" },
          t("article.canonical")) : null)));
    append(view, [
      h("a", { href: focusEvent ? eventHref(focusEvent) : state.lastOverviewHash, class: "back", "data-testid": "back" },
        focusEvent ? t("back.event") : t("back")),
      h("header", { class: "detail-head" },
        h("h2", { dir: "auto", lang: "ar", "data-testid": "article-title" }, art.title || art.id),
        h("div", { class: "muted", "data-testid": "article-meta" },
          joined([art.outlet ? bdi(art.outlet) : null, art.published ? bdi(art.published, "ltr") : null]), " ",
          externalLink(art.url, t("report.original"), "article-url"))),
      art.duplicate_of ? h("p", { class: "muted" }, t("article.duplicate"), " ",
        h("a", { href: articleHref(art.duplicate_of) }, bdi(art.duplicate_of))) : null,
      legend,
      h("div", { class: "article-layout" },
        h("div", { class: "panel" }, highlightedText(art.text || "", art.mentions, art.events, focusEvent)),
        h("aside", { class: "panel" }, h("h3", {}, t("article.events")), events)),
    ]);
    document.body.dataset.state = "ready";
    const focus = view.querySelector("mark.evidence.focus");
    if (focus) focus.scrollIntoView({ block: "center" });
  }

  function render(force) {
    state.route = parseHash();
    const route = state.route;
    if (route.view === "overview") {
      state.lastOverviewHash = window.location.hash || "#/";
      renderOverview(force);
    } else if (route.view === "event") {
      renderEvent(route.id);
    } else {
      renderArticle(route.id, route.params.get("event"));
    }
  }

  // ---------------------------------------------------------------- live updates (GET /live, server-sent events)
  // Read with fetch() rather than EventSource so that the API key header can be sent. On each new data
  // version the overview (table, map, timeline) and the facets are refreshed in place, without a reload,
  // and a badge counts the canonical events added since the page was opened (or the badge last clicked).
  const live = { baseline: null, count: null, version: null };

  function onLive(msg) {
    if (live.baseline === null) live.baseline = msg.canonical_events;
    live.count = msg.canonical_events;
    const badge = document.getElementById("live-badge");
    const n = Math.max(0, live.count - live.baseline);
    badge.textContent = t("live.new", { n });
    badge.dataset.count = String(n);
    badge.hidden = n === 0;
    if (live.version === null) { live.version = msg.version; return; }
    if (msg.version === live.version) return;
    live.version = msg.version;
    loadFacets();
    if (state.route && state.route.view === "overview") renderOverview(false);
  }

  async function listenLive() {
    const headers = { Accept: "text/event-stream" };
    const key = readStorage(API_KEY);
    if (key) headers["X-API-Key"] = key;
    let wait = 5000;
    try {
      const res = await fetch("/live", { headers, cache: "no-store", credentials: "same-origin" });
      if (res.ok && res.body) {
        document.getElementById("live").hidden = false;
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block.split("\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5)).join("\n");
            if (data.trim()) {
              try { onLive(JSON.parse(data)); } catch { /* a broken message: wait for the next */ }
            }
          }
        }
        wait = 200;  // the server closes each stream after a while: reconnect at once
      }
    } catch { document.getElementById("live").hidden = true; }
    setTimeout(listenLive, wait);
  }

  // ---------------------------------------------------------------- start
  async function loadFacets() {
    try {
      state.facets = await api("/facets");
      renderFilterOptions();
    } catch (err) { showError(err); }
    try {
      state.health = await api("/health");
      renderHealth();
    } catch { /* optional */ }
  }

  function wire() {
    document.getElementById("lang-toggle").addEventListener("click", toggleLanguage);
    for (const id of ["f-actor", "f-country", "f-admin1", "f-grade", "f-min-confidence", "f-since", "f-until",
                      "f-contested", "f-negated"]) {
      document.getElementById(id).addEventListener("change", onFilterInput);
    }
    document.getElementById("f-q").addEventListener("input", onFilterInput);
    document.getElementById("f-place").addEventListener("input", onFilterInput);
    document.getElementById("export-csv").addEventListener("click", downloadCsv);
    document.getElementById("f-reset").addEventListener("click", () => { window.location.hash = "#/"; });
    document.getElementById("timeline-metric").addEventListener("change", (e) => {
      state.metric = e.target.value;
      render();
    });
    document.getElementById("timeline-interval").addEventListener("change", (e) => {
      state.interval = e.target.value;
      render();
    });
    const page = (delta) => {
      const offset = Math.max(0, state.offset + delta);
      window.location.hash = overviewHash(state.filters, { offset: offset || "", sort: state.sort === "-date" ? "" : state.sort });
    };
    document.getElementById("page-prev").addEventListener("click", () => page(-PAGE_SIZE));
    document.getElementById("page-next").addEventListener("click", () => page(PAGE_SIZE));
    document.getElementById("sort-date").addEventListener("click", () => {
      const sort = state.sort === "-date" ? "date" : "-date";
      window.location.hash = overviewHash(state.filters, { sort: sort === "-date" ? "" : sort });
    });
    document.getElementById("sort-fatalities").addEventListener("click", () => {
      window.location.hash = overviewHash(state.filters, { sort: "fatalities" });
    });
    document.getElementById("api-key").addEventListener("change", (e) => {
      writeStorage(API_KEY, e.target.value);
      loadFacets();
      render(true);
    });
    window.addEventListener("hashchange", () => render());
    document.getElementById("live-badge").addEventListener("click", () => {
      live.baseline = live.count;
      document.getElementById("live-badge").hidden = true;
      document.getElementById("live-badge").dataset.count = "0";
    });
  }

  function start() {
    state.filters = filtersFromParams(new URLSearchParams());
    applyLanguage();
    wire();
    initMap();
    loadFacets();
    render();
    listenLive();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
