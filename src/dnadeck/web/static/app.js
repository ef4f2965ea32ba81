/* dnadeck's page: choose a pack, stories and questions, see every slide, download.
   No framework and no build step. The server does all the work through
   its HTTP API (/api/packs, /api/plan, /api/deck, /api/pdf, /api/yaml, /api/handout,
   /api/pages, /api/settings, /api/font, /api/queue). Choices are kept in this browser's
   localStorage, per pack; nothing is kept on the server. */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  // The file fields, with the words of the button that removes each one's file.
  const FILES = { logo: "Remove the logo", template: "Remove the template" };
  const FIELDS = ["source", "settings", "story", "question", "title", "subtitle", "presenter", "organisation", "date", "language", "logo", "template"];
  // The title slide's text fields, which the page makes (textFields), each with its label.
  const TEXT_FIELDS = [
    { key: "title", label: "Title", autocomplete: "off" },
    { key: "subtitle", label: "Subtitle", optional: true, autocomplete: "off" },
    { key: "presenter", label: "Presenter", optional: true, autocomplete: "name", hint: "Your name, and your role if you like." },
    { key: "organisation", label: "Organisation", optional: true, autocomplete: "organization" },
  ];
  const TEXT = TEXT_FIELDS.map((field) => field.key);
  const PER_PACK = ["title", "subtitle"];
  const SHARED = [...TEXT.filter((key) => !PER_PACK.includes(key)), "date", "language"]; // the same for every pack
  const DEFAULTS = { language: "en-GB" }; // a field's value when nothing is kept; the others are empty
  const EMU_PER_POINT = 12700;
  const PREVIEW_DELAY = 350; // ms after the last change
  const STORE = "dnadeck.choices.v1";
  const SUFFIXES = { deck: ".pptx", pdf: ".pdf", handout: " session plan.docx", yaml: ".yaml" };
  const USUAL_SECONDS = { pdf: 20, pages: 15, handout: 4, deck: 3, yaml: 1 }; // for the progress bar only

  const state = {
    packs: [],
    office: false,
    limits: {},
    pack: null,
    order: [], // story ids in the order chosen
    off: new Set(), // stories left out
    questionsOff: new Set(), // question numbers (the pack's) left out
    saved: { pack: null, packs: {}, shared: {}, files: {} }, // what localStorage keeps
    deckQuestions: null, // [the pack's number, the deck's number] in the order the last preview's deck asks them
    fileProblems: {}, // field -> message found before sending (size, kind)
    serverProblems: [], // from the last preview
    seq: 0,
    controller: null,
    timer: null,
    previewing: null, // the preview being made, a promise
    slideCount: null,
    problemShown: false,
    pagesShown: false,
    layout: null, // the deck as last laid out
    plan: null,
    current: 0, // the slide in the large view
  };

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function say(message, details = "") {
    const status = $("status");
    status.textContent = "";
    // Fresh text, so that screen readers announce a repeated message. The
    // details are for screen readers; the page shows them in the summary.
    window.setTimeout(() => {
      status.replaceChildren(message, details ? el("span", { class: "visually-hidden", text: ` ${details}` }) : "");
    }, 30);
  }

  const quoted = (title) => `‘${title}’`;
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const storyOf = (id) => state.pack.stories.find((s) => s.id === id);

  function duration(minutes) {
    const m = Math.round(minutes);
    if (m < 60) return plural(m, "minute", "minutes");
    const h = Math.floor(m / 60);
    return `${plural(h, "hour", "hours")}${m % 60 ? ` ${plural(m % 60, "minute", "minutes")}` : ""}`;
  }

  // -- what this browser keeps -------------------------------------------------

  function load() {
    try {
      const saved = JSON.parse(window.localStorage.getItem(STORE) || "null");
      if (saved && typeof saved === "object") state.saved = { pack: null, packs: {}, shared: {}, files: {}, ...saved };
    } catch (error) {
      /* nothing kept, or storage refused: start afresh */
    }
  }

  function remember() {
    if (!state.pack) return;
    state.saved.pack = state.pack.id;
    state.saved.packs[state.pack.id] = {
      order: state.order,
      off: [...state.off],
      questionsOff: [...state.questionsOff],
      ...Object.fromEntries(PER_PACK.map((key) => [key, $(key).value])),
    };
    for (const key of SHARED) state.saved.shared[key] = $(key).value;
    for (const key of Object.keys(FILES)) {
      const file = $(key).files[0];
      if (file) state.saved.files[key] = file.name;
    }
    try {
      window.localStorage.setItem(STORE, JSON.stringify(state.saved));
    } catch (error) {
      /* storage full or refused: the page still works */
    }
  }

  // -- the packs --------------------------------------------------------------

  async function start() {
    fileRows();
    let data;
    try {
      const response = await fetch("/api/packs");
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (error) {
      $("packs").replaceChildren(el("p", { class: "error", text: "The packs could not be loaded. Reload the page to try again." }));
      return;
    }
    state.packs = data.packs;
    state.office = data.office;
    state.limits = data.limits;
    textFields(state.limits.text);
    for (const span of document.querySelectorAll("[data-limit]")) span.textContent = megabytes(state.limits[span.dataset.limit]);
    $("download-pdf").hidden = !state.office;
    $("true-preview").hidden = !state.office;
    renderPacks();
    load();
    for (const key of SHARED) setShared(key, state.saved.shared[key]);
    for (const key of Object.keys(FILES)) {
      const name = state.saved.files[key];
      if (name) note(key, `You chose ${quoted(name)} before: choose it again (the page keeps your choices, not your files).`);
    }
    const wanted = new URLSearchParams(window.location.search).get("pack") || state.saved.pack;
    const first = state.packs.find((p) => p.id === wanted) || state.packs[0];
    document.querySelector(`input[name="source"][value="${first.id}"]`).checked = true;
    choosePack(first.id);
    wire();
  }

  /* Put a kept or opened value in a field shared by the packs (its default if none). A language
     the list does not offer (one sent to the API) is added to it, named by its tag. */
  function setShared(key, value) {
    const field = $(key);
    const wanted = value || DEFAULTS[key] || "";
    if (field.tagName === "SELECT" && ![...field.options].some((option) => option.value === wanted)) {
      field.append(el("option", { value: wanted, text: wanted }));
    }
    field.value = wanted;
  }

  function renderPacks() {
    const items = state.packs.map((pack) => {
      const id = `pack-${pack.id}`;
      const titles = pack.stories.map((s) => quoted(s.title));
      const listed = titles.length > 1 ? `${titles.slice(0, -1).join(", ")} and ${titles[titles.length - 1]}` : titles.join("");
      const about = `${plural(titles.length, "story", "stories")}: ${listed}; ${plural(pack.questions.length, "question", "questions")}.`;
      return el(
        "div",
        { class: "choice" },
        el("input", { type: "radio", name: "source", id, value: pack.id, "aria-describedby": `${id}-about` }),
        el(
          "div",
          {},
          el("label", { for: id, class: "name", text: pack.title }),
          el("span", { class: "about", id: `${id}-about`, text: about }),
        ),
      );
    });
    $("packs").replaceChildren(...items);
  }

  /* Show ``id``'s choices: those kept for it, else the pack's own. The
     pack shown before keeps its choices, so moving through the list
     (arrow keys included) loses nothing. */
  function choosePack(id) {
    if (state.pack) remember();
    state.pack = state.packs.find((p) => p.id === id);
    const kept = state.saved.packs[id] || {};
    const ids = state.pack.stories.map((s) => s.id);
    const order = (kept.order || []).filter((s) => ids.includes(s));
    state.order = [...order, ...ids.filter((s) => !order.includes(s))];
    state.off = new Set((kept.off || []).filter((s) => ids.includes(s)));
    state.questionsOff = new Set(kept.questionsOff || []);
    for (const key of PER_PACK) $(key).value = kept[key] !== undefined ? kept[key] : state.pack[key] || "";
    renderStories();
    renderQuestions();
  }

  function startAgain() {
    const message = `Start again with ${quoted(state.pack.title)}? Your choices of stories, questions, title and subtitle for this pack are discarded.`;
    if (!window.confirm(message)) return;
    delete state.saved.packs[state.pack.id];
    state.pack = null;
    choosePack(document.querySelector('input[name="source"]:checked').value);
    remember();
    say(`Started again with ${quoted(state.pack.title)}: the pack’s own stories and questions.`);
    changed();
  }

  // -- stories ------------------------------------------------------------------

  function renderStories() {
    const items = state.order.map((id, index) => {
      const story = storyOf(id);
      const box = `story-${id}`;
      const told = story.storyteller ? `Told by ${story.storyteller}` : "Storyteller not named";
      const up = el("button", {
        type: "button", class: "button secondary small", "data-move": "-1", "data-story": id,
        "aria-label": `Move ${quoted(story.title)} up`, "aria-disabled": index === 0 ? "true" : null,
      }, "↑ Up");
      const down = el("button", {
        type: "button", class: "button secondary small", "data-move": "1", "data-story": id,
        "aria-label": `Move ${quoted(story.title)} down`, "aria-disabled": index === state.order.length - 1 ? "true" : null,
      }, "↓ Down");
      return el(
        "li",
        { class: `story${state.off.has(id) ? " off" : ""}`, "data-story": id },
        el(
          "div",
          { class: "story-pick" },
          el("input", {
            type: "checkbox", id: box, name: "story", value: id, checked: !state.off.has(id),
            "aria-describedby": `${box}-meta`,
          }),
          el(
            "div",
            { class: "story-text" },
            el("label", { for: box, text: story.title }),
            el("p", { class: "meta", id: `${box}-meta`, text: told }),
            el("p", { class: "synopsis", text: story.synopsis }),
          ),
        ),
        el("div", { class: "move" }, up, down),
      );
    });
    $("stories").replaceChildren(...items);
  }

  function moveStory(id, step, button) {
    const from = state.order.indexOf(id);
    const to = from + step;
    if (to < 0 || to >= state.order.length) {
      say(`${quoted(storyOf(id).title)} is already ${step < 0 ? "first" : "last"}.`);
      return;
    }
    state.order.splice(from, 1);
    state.order.splice(to, 0, id);
    renderStories();
    const again = document.querySelector(`button[data-story="${id}"][data-move="${button.dataset.move}"]`);
    const other = document.querySelector(`button[data-story="${id}"][data-move="${-step}"]`);
    (again.getAttribute("aria-disabled") === "true" ? other : again).focus();
    const shown = state.order.filter((s) => !state.off.has(s));
    const title = quoted(storyOf(id).title);
    if (state.off.has(id)) say(`${title} moved ${step < 0 ? "up" : "down"}; it is left out of the deck.`);
    else say(`${title} moved to place ${shown.indexOf(id) + 1} of ${shown.length}.`);
    renderQuestions();
    changed();
  }

  // -- questions --------------------------------------------------------------

  /* The questions in the order the deck asks them: a question about a story
     follows its story when the stories are reordered; the others stay put. */
  function questionsInOrder() {
    const rank = (q) => state.order.indexOf(q.story);
    const tied = state.pack.questions.filter((q) => q.story).sort((a, b) => rank(a) - rank(b));
    return state.pack.questions.map((q) => (q.story ? tied.shift() : q));
  }

  function shownQuestions() {
    return questionsInOrder().filter((q) => !(q.story && state.off.has(q.story)));
  }

  /* The questions shown, the asked ones in the order the last preview's deck asks them (the
     library may merge cut-down question slides), each with the number the deck gives it. */
  function questionsAsDeckAsks() {
    const shown = shownQuestions();
    const asked = shown.filter((q) => !state.questionsOff.has(q.number));
    const deck = state.deckQuestions || [];
    const where = new Map(deck.map(([source], i) => [source, i]));
    const current = asked.length === deck.length && asked.every((q) => where.has(q.number));
    const numbers = new Map(current ? deck : asked.map((q, i) => [q.number, i + 1]));
    if (current) asked.sort((a, b) => where.get(a.number) - where.get(b.number));
    return shown.map((q) => (state.questionsOff.has(q.number) ? [q, null] : [asked.shift(), null])).map(([q]) => [q, numbers.get(q.number) || null]);
  }

  function renderQuestions() {
    const hiddenFor = new Set(state.pack.questions.filter((q) => q.story && state.off.has(q.story)).map((q) => q.story));
    const focused = document.activeElement && document.activeElement.closest("#questions") ? document.activeElement.id : null;
    const items = questionsAsDeckAsks().map(([q, n]) => {
      const box = `question-${q.number}`;
      const asked = n !== null;
      const number = asked ? el("span", { class: "num", text: `${n}.` }) : el("span", { class: "num off" }, "–", el("span", { class: "visually-hidden", text: " not asked:" }));
      return el(
        "li",
        { class: "question" },
        el("input", { type: "checkbox", id: box, name: "question", value: String(q.number), checked: asked }),
        el("label", { for: box }, number, " ", q.text),
      );
    });
    $("questions").replaceChildren(...items);
    const left = $("questions-left-out");
    if (hiddenFor.size) {
      const titles = [...hiddenFor].map((id) => quoted(storyOf(id).title));
      left.textContent = `Questions about ${titles.join(" and ")} are left out with the ${hiddenFor.size === 1 ? "story" : "stories"}.`;
      left.hidden = false;
    } else {
      left.hidden = true;
    }
    if (!items.length) $("questions").append(el("li", { class: "hint", text: "No questions: tick a story to ask about it." }));
    if (focused && $(focused)) $(focused).focus();
  }

  function tickQuestions(on) {
    const shown = shownQuestions();
    const off = shown.filter((q) => state.questionsOff.has(q.number)).length;
    const own = off > 0 && off < shown.length; // a choice of some questions, which this replaces
    if (own && !window.confirm(`${on ? "Tick" : "Untick"} every question? Your choice of ${plural(shown.length - off, "question", "questions")} is replaced.`)) return;
    for (const q of shown) {
      if (on) state.questionsOff.delete(q.number);
      else state.questionsOff.add(q.number);
    }
    renderQuestions();
    say(on ? "Every question is ticked." : "No question is ticked: the deck asks none.");
    changed();
  }

  // -- the form as the API takes it ---------------------------------------

  function formData() {
    const data = new FormData();
    data.append("source", state.pack.id);
    const stories = state.order.filter((id) => !state.off.has(id));
    const packOrder = state.pack.stories.map((s) => s.id);
    if (stories.join(" ") !== packOrder.join(" ")) {
      data.append("story", ""); // an empty value: the list is given, even if empty
      for (const id of stories) data.append("story", id);
    }
    const shown = shownQuestions();
    if (shown.some((q) => state.questionsOff.has(q.number))) {
      data.append("question", "");
      for (const q of shown) if (!state.questionsOff.has(q.number)) data.append("question", String(q.number));
    }
    for (const key of TEXT) {
      const value = $(key).value.trim();
      if (value && value !== (state.pack[key] || "")) data.append(key, value);
    }
    if ($("date").value) data.append("date", $("date").value);
    if ($("language").value !== DEFAULTS.language) data.append("language", $("language").value);
    for (const key of Object.keys(FILES)) {
      const file = $(key).files[0];
      if (file && !state.fileProblems[key]) data.append(key, file, file.name);
    }
    return data;
  }

  // -- problems and warnings next to their fields --------------------------------

  const CONTROLS = {
    source: () => [$("source-group")],
    story: () => [$("story-group")],
    question: () => [$("question-group")],
  };

  function controlsOf(field) {
    return CONTROLS[field] ? CONTROLS[field]() : [$(field)];
  }

  const NAMES = {
    source: "Pack", settings: "Settings file", story: "Stories", question: "Questions", date: "Date", language: "Language", logo: "Logo",
    template: "PowerPoint template", ...Object.fromEntries(TEXT_FIELDS.map((field) => [field.key, field.label])),
  };

  function focusField(field) {
    const target = {
      source: () => document.querySelector('input[name="source"]:checked'),
      story: () => document.querySelector("#stories input"),
      question: () => document.querySelector("#questions input"),
    }[field];
    const control = target ? target() : $(field);
    if (control) control.focus();
  }

  /* What the page finds wrong before asking the server: a file too large or
     of a kind the deck cannot use, a date not finished or impossible. */
  function pageProblems() {
    const found = Object.entries(state.fileProblems).map(([field, message]) => ({ field, message }));
    if ($("date").validity.badInput) {
      found.push({
        field: "date",
        message: "This date is not finished or does not exist (such as 31 February): check the day, month and year, or clear all three.",
      });
    }
    const year = Number($("date").value.split("-")[0]);
    if ($("date").value && (year < 2000 || year > 2100)) {
      found.push({ field: "date", message: `Check the year: ${year} is not a year for a session.` });
    }
    if (state.pack && !state.order.some((id) => !state.off.has(id))) {
      found.push({ field: "story", message: "Tick at least one story: a deck is made to show the stories." });
    }
    return found;
  }

  function allProblems() {
    const page = pageProblems();
    const seen = new Set(page.map((p) => `${p.field}|${p.message}`));
    return [...page, ...state.serverProblems.filter((p) => !seen.has(`${p.field}|${p.message}`) && !(p.field === "story" && page.some((q) => q.field === "story")))];
  }

  function showProblems(all) {
    const byField = {};
    for (const p of all) if (FIELDS.includes(p.field)) (byField[p.field] = byField[p.field] || []).push(p.message);
    for (const field of FIELDS) {
      const box = $(`${field}-error`);
      const messages = byField[field] || [];
      if (box.textContent !== messages.join(" ")) box.textContent = messages.join(" ");
      box.hidden = !messages.length;
      for (const control of controlsOf(field)) {
        if (messages.length) control.setAttribute("aria-invalid", "true");
        else control.removeAttribute("aria-invalid");
      }
    }
    // A summary beside the preview, each problem a link to its field.
    const items = all.map((p) => {
      if (!FIELDS.includes(p.field)) return el("li", { text: p.message });
      const link = el("a", { href: `#${p.field}-error`, text: `${NAMES[p.field]}: ${p.message}` });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        $(`${p.field}-error`).scrollIntoView({ block: "center" });
        focusField(p.field);
      });
      return el("li", {}, link);
    });
    const box = $("form-error");
    const heading = items.length === 1 ? "There is a problem: nothing can be downloaded until it is fixed" : "There are problems: nothing can be downloaded until they are fixed";
    box.replaceChildren(el("h3", { text: heading }), el("ul", {}, ...items));
    box.hidden = !items.length;
    $("downloads").classList.toggle("blocked", items.length > 0);
    return all;
  }

  function showWarnings(warnings) {
    const box = $("template-warning");
    box.replaceChildren(...warnings.map((w) => el("p", { text: w.message })));
    box.hidden = !warnings.length;
  }

  function note(field, message) {
    const box = $(`${field}-note`);
    if (box.textContent !== (message || "")) box.textContent = message || ""; // unchanged: not announced again
    box.hidden = !message;
  }

  function problemSummary(problems) {
    if (problems.length === 1) {
      const p = problems[0];
      return FIELDS.includes(p.field) ? `${NAMES[p.field]}: ${p.message}` : p.message;
    }
    const fields = [...new Set(problems.map((p) => NAMES[p.field] || "the form"))];
    return `${problems.length} problems, with ${fields.join(", ")}.`;
  }

  /** Bytes as the server's messages show them (MB = 2^20 bytes). */
  function megabytes(bytes) {
    return `${Math.round(bytes / 1048576)} MB`;
  }

  /** The title slide's text fields, each at most ``maxLength`` characters, in place of their placeholder. */
  function textFields(maxLength) {
    const fields = TEXT_FIELDS.map(({ key, label, optional, autocomplete, hint }) =>
      el(
        "div",
        { class: "field" },
        el("label", { for: key }, optional ? `${label} ` : label, optional ? el("span", { class: "optional", text: "(optional)" }) : null),
        hint ? el("p", { class: "hint", id: `${key}-hint`, text: hint }) : null,
        el("input", {
          id: key, name: key, type: "text", maxlength: maxLength, autocomplete,
          "aria-describedby": hint ? `${key}-hint ${key}-error` : `${key}-error`,
        }),
        el("p", { class: "error", id: `${key}-error`, "aria-live": "polite", hidden: true }),
      ),
    );
    $("text-fields").replaceWith(...fields);
  }

  /** Each file field's input in a row with its button that removes the chosen file (shown while there is one). */
  function fileRows() {
    for (const [key, label] of Object.entries(FILES)) {
      const input = $(key);
      const row = el("div", { class: "file-row" });
      input.replaceWith(row);
      row.append(input, el("button", { type: "button", class: "button secondary small", id: `${key}-clear`, hidden: true, text: label }));
    }
  }

  function checkFile(key) {
    const file = $(key).files[0];
    delete state.fileProblems[key];
    $(`${key}-clear`).hidden = !file;
    if (!file) return;
    note(key, "");
    const name = quoted(file.name);
    if (file.size > state.limits[key]) {
      state.fileProblems[key] = `${name} is larger than ${megabytes(state.limits[key])}: choose a smaller file.`;
    } else if (key === "logo" && (/\.svgz?$/i.test(file.name) || file.type === "image/svg+xml")) {
      state.fileProblems[key] = `${name} is a drawing (SVG), which a deck cannot show: save it as a PNG picture and choose that.`;
    }
  }

  // -- the preview -----------------------------------------------------------

  function changed() {
    if (state.pagesShown) hidePages(false);
    $("slides").classList.add("stale");
    $("viewer").classList.add("stale");
    remember();
    showProblems(allProblems());
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(() => {
      state.timer = null;
      updatePreview();
    }, PREVIEW_DELAY);
  }

  /* The preview as it will be for the form as it is now: made now if a change is waiting for it. */
  async function caughtUp() {
    if (state.timer) {
      window.clearTimeout(state.timer);
      state.timer = null;
      await updatePreview();
    } else if (state.previewing) {
      await state.previewing;
    }
  }

  async function post(path, signal, ticket) {
    const headers = ticket ? { "X-Dnadeck-Ticket": ticket } : {};
    const response = await fetch(path, { method: "POST", body: formData(), signal, headers });
    if (response.ok) return response;
    let problems;
    try {
      problems = (await response.json()).problems;
    } catch (error) {
      problems = [{ field: "", message: `The server answered ${response.status}: please try again.` }];
    }
    const failure = new Error("problems");
    failure.problems = problems;
    throw failure;
  }

  function updatePreview() {
    const run = previewNow();
    state.previewing = run;
    run.finally(() => {
      if (state.previewing === run) state.previewing = null;
    });
    return run;
  }

  async function previewNow() {
    const seq = ++state.seq;
    if (state.controller) state.controller.abort();
    state.controller = new AbortController();
    try {
      const response = await post("/api/plan", state.controller.signal);
      const plan = await response.json();
      if (seq !== state.seq) return;
      state.serverProblems = [];
      showWarnings(plan.layout.warnings || []);
      note("language", plan.untranslated && plan.untranslated.message);
      state.plan = plan;
      state.deckQuestions = plan.slides.filter((slide) => slide.kind === "questions").flatMap((slide) => slide.questions.map((q) => [q.source_number, q.number]));
      renderQuestions();
      await useFonts(plan.layout.fonts);
      drawSlides(plan.layout);
      const count = plan.layout.slides.length;
      const minutes = plan.slides.reduce((sum, slide) => sum + slide.minutes, 0);
      const length = `${plural(count, "slide", "slides")}, about ${duration(minutes)}`;
      $("slide-count").textContent = `(${length})`;
      $("to-preview").textContent = `See the ${plural(count, "slide", "slides")} and download the deck`;
      const problems = showProblems(allProblems());
      if (problems.length) {
        say("There is a problem: see the list below. Nothing can be downloaded until it is fixed.", problemSummary(problems));
        state.problemShown = true;
      } else if (state.problemShown || count !== state.slideCount) {
        say(`${state.problemShown ? "Fixed. " : ""}Preview updated: ${length}.`);
        state.problemShown = false;
      }
      state.slideCount = count;
    } catch (error) {
      if (error.name === "AbortError" || seq !== state.seq) return;
      state.serverProblems = error.problems || [{ field: "", message: "The preview could not be made: is the server still running?" }];
      const problems = showProblems(allProblems());
      say("There is a problem: see the list below. The preview shows the last choices that worked.", problemSummary(problems));
      state.problemShown = true;
    }
  }

  // -- drawing slides ------------------------------------------------------------

  const pct = (part, whole) => `${(100 * part) / whole}%`;
  const cqw = (emu, width) => `${(100 * emu) / width}cqw`;
  const loadedFonts = new Map();

  /* The template's fonts, as the server draws them, for the page to draw with. */
  async function useFonts(fonts) {
    const waits = [];
    for (const role of ["heading", "body"]) {
      const files = fonts[role].files.join(" ");
      const name = `deck ${role}`;
      const before = loadedFonts.get(name);
      if (before && before.files === files) continue;
      if (before) for (const old of before.faces) document.fonts.delete(old);
      const faces = [];
      loadedFonts.set(name, { files, faces });
      for (const face of [0, 1, 2, 3]) {
        const font = new FontFace(name, `url("/api/font?key=${encodeURIComponent(fonts[role].files[face])}")`, {
          weight: face % 2 ? "700" : "400",
          style: face >= 2 ? "italic" : "normal",
        });
        document.fonts.add(font);
        faces.push(font);
        waits.push(font.load().catch(() => null));
      }
    }
    await Promise.all(waits);
    const notes = [];
    for (const role of ["heading", "body"]) {
      const f = fonts[role];
      if (f.exact) continue;
      if (f.same_widths) notes.push(`its ${role} font ${quoted(f.family)} is drawn with ${f.drawn_with}, which has the same widths`);
      else notes.push(`its ${role} font ${quoted(f.family)} is not on this server, so it is drawn with ${f.drawn_with}`);
    }
    const layout = state.plan && state.plan.layout;
    const inexact = (layout && layout.inexact) || [];
    if (inexact.length) notes.push(`it cannot draw ${inexact.join(", ")}`);
    $("preview-note").textContent = notes.length
      ? `The quick preview follows the deck’s layout, but ${notes.join("; ")}. Use True preview to see those exactly.`
      : "The quick preview draws every slide from the deck’s own layout, on the template’s backgrounds, in its fonts.";
  }

  function fillStyle(node, fill, images) {
    if (!fill) return;
    if (fill.type === "solid") node.style.background = `#${fill.colour}`;
    else if (fill.type === "gradient") {
      const stops = fill.stops.map(([pos, colour]) => `#${colour} ${pos}%`).join(", ");
      node.style.background = `linear-gradient(${fill.angle + 90}deg, ${stops})`;
    } else if (fill.type === "picture" && images[fill.image]) {
      node.style.backgroundImage = `url("${images[fill.image]}")`;
      node.style.backgroundSize = "100% 100%";
    }
  }

  function drawSlide(layout, slide) {
    const { width, height, images } = layout;
    const frame = el("div", { class: "frame", "aria-hidden": "true" });
    frame.style.aspectRatio = `${width} / ${height}`;
    fillStyle(frame, slide.background, images);
    for (const shape of layout.layouts[slide.layout] || []) frame.append(drawShape(shape, width, height, images));
    for (const shape of slide.shapes) frame.append(drawShape(shape, width, height, images));
    return frame;
  }

  function drawSlides(layout) {
    state.layout = layout;
    const total = layout.slides.length;
    const items = layout.slides.map((slide, i) => {
      const show = el("button", { type: "button", class: "show-slide", "data-slide": String(i) }, el("b", { text: `${i + 1}` }), el("span", { class: "visually-hidden", text: ` of ${total}:` }), ` ${slide.title}`);
      const frame = drawSlide(layout, slide);
      frame.dataset.slide = String(i);
      return el("li", { class: "slide", "data-position": String(slide.position) }, el("figure", {}, frame, el("figcaption", {}, show)));
    });
    $("slides").replaceChildren(...items);
    $("slides").classList.remove("stale");
    state.current = Math.min(state.current, total - 1);
    showSlide(state.current, false);
  }

  function minutesOf(slide, index) {
    // Continuation slides share their slide's minutes: they are given on its first page.
    const first = state.layout.slides.findIndex((s) => s.position === slide.position);
    const planned = state.plan && state.plan.slides.find((s) => s.position === slide.position);
    if (!planned) return "";
    return first === index ? `About ${duration(planned.minutes)} on this slide.` : "Its time is given with the slide before.";
  }

  function showSlide(index, announce) {
    const layout = state.layout;
    if (!layout || !layout.slides.length) return;
    state.current = Math.max(0, Math.min(index, layout.slides.length - 1));
    const slide = layout.slides[state.current];
    const total = layout.slides.length;
    $("viewer").hidden = false;
    $("viewer").classList.remove("stale");
    $("viewer-title").textContent = `Slide ${state.current + 1} of ${total}: ${slide.title}`;
    $("viewer-frame").replaceChildren(drawSlide(layout, slide));
    $("viewer-minutes").textContent = minutesOf(slide, state.current);
    const notes = (slide.notes || "").split(/\n+/).filter((line) => line.trim());
    $("viewer-notes").replaceChildren(...(notes.length ? notes.map((line) => el("p", { text: line })) : [el("p", { class: "hint", text: "No speaker notes." })]));
    $("slide-prev").setAttribute("aria-disabled", state.current === 0 ? "true" : "false");
    $("slide-next").setAttribute("aria-disabled", state.current === total - 1 ? "true" : "false");
    for (const button of document.querySelectorAll("#slides .show-slide")) {
      if (Number(button.dataset.slide) === state.current) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
    if (announce) say(`Slide ${state.current + 1} of ${total}: ${slide.title}.`);
  }

  function place(node, rect, width, height) {
    const [x, y, w, h] = rect;
    node.style.left = pct(x, width);
    node.style.top = pct(y, height);
    node.style.width = pct(w, width);
    node.style.height = pct(h, height);
  }

  function fontFamily(font) {
    if (font === "heading" || font === "body") return `"deck ${font}", "Liberation Sans", Arial, sans-serif`;
    return `"${String(font).replace(/"/g, "")}", "deck body", "Liberation Sans", Arial, sans-serif`;
  }

  function drawShape(shape, width, height, images) {
    if (shape.type === "picture") {
      const img = el("img", { src: images[shape.image], alt: "" });
      place(img, shape.rect, width, height);
      return img;
    }
    const box = el("div", { class: `shape ${shape.anchor || "t"}` });
    place(box, shape.rect, width, height);
    if (shape.type === "rect") {
      box.style.background = `#${shape.fill}`;
      return box;
    }
    if (shape.type === "shape") {
      fillStyle(box, shape.fill, images);
      if (shape.form === "ellipse") box.style.borderRadius = "50%";
      else if (shape.form === "round") box.style.borderRadius = cqw(Math.min(shape.rect[2], shape.rect[3]) / 6, width);
      return box;
    }
    fillStyle(box, shape.fill, images); // a placeholder's own fill (a title bar), as the deck shows it
    const size = (shape.size / 100) * EMU_PER_POINT;
    box.style.fontSize = cqw(size, width);
    box.style.fontFamily = fontFamily(shape.font);
    box.style.color = `#${shape.colour}`;
    box.style.padding = `${cqw(shape.inset[1], width)} ${cqw(shape.inset[0], width)}`;
    let number = null;
    for (const para of shape.paras) {
      const p = el("p");
      p.style.textAlign = { l: "left", ctr: "center", r: "right" }[para.align] || "left";
      if (para.space_before) p.style.marginTop = cqw((para.space_before / 100) * EMU_PER_POINT, width);
      if (para.marker) {
        p.style.paddingLeft = cqw(para.indent, width);
        p.style.position = "relative";
        if (para.marker === "number") number = para.number || (number || 0) + 1;
        const marker = el("span", { class: "marker", text: para.marker === "bullet" ? "•" : `${number}.` });
        marker.style.left = "0";
        p.append(marker);
      }
      for (const run of para.runs) {
        const span = el("span", { text: run.text, class: run.link ? "link" : null });
        if (run.bold) span.style.fontWeight = "700";
        if (run.italic) span.style.fontStyle = "italic";
        if (run.colour) span.style.color = `#${run.colour}`;
        p.append(span);
      }
      box.append(p);
    }
    return box;
  }

  // -- long work: place in the line, progress, elapsed time ---------------------------

  /* A random word naming one request, to ask the server its place in the line (no personal data). */
  function newTicket() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* ``job(ticket)`` with its feedback: while it waits for the server, its place in the line;
     then a progress bar with the time so far. */
  async function working(what, kind, job) {
    const box = $("work");
    const bar = $("work-progress");
    const usual = USUAL_SECONDS[kind] || 10;
    const ticket = newTicket();
    let started = Date.now();
    let waiting = false;
    let done = false;
    $("work-label").textContent = `Making the ${what}`;
    bar.value = 0;
    box.hidden = false;
    const tick = () => {
      if (waiting) return;
      const seconds = Math.round((Date.now() - started) / 1000);
      // Creeps towards the end and never reaches it before the work is done.
      bar.value = Math.round(95 * (1 - Math.exp(-(Date.now() - started) / (usual * 700))));
      const text = `${plural(seconds, "second", "seconds")} so far; it usually takes about ${plural(usual, "second", "seconds")}.`;
      $("work-time").textContent = text;
      bar.setAttribute("aria-valuetext", text);
    };
    const wait = (ahead) => {
      const label = ahead ? `Waiting: ${ahead} ahead of you` : "Waiting: you are next";
      $("work-label").textContent = label;
      $("work-time").textContent = `The server is busy; your ${what} starts when it is free.`;
      bar.removeAttribute("value"); // moving without a measure: nothing to measure yet
      bar.setAttribute("aria-valuetext", label);
      if (!waiting) say(`${label}.`);
      waiting = true;
    };
    const ask = async () => {
      try {
        const answer = await (await fetch(`/api/queue?ticket=${ticket}`, { cache: "no-store" })).json();
        if (done) return;
        if (answer.ticket === "waiting") {
          wait(answer.ahead);
        } else if (waiting) { // being worked on now (or another server has it): time from here
          waiting = false;
          started = Date.now();
          $("work-label").textContent = `Making the ${what}`;
          say(`Making the ${what}…`);
          tick();
        }
      } catch (error) {
        // no answer about the line: the time so far is still shown
      }
    };
    tick();
    const timer = window.setInterval(tick, 500);
    const asking = window.setInterval(ask, 1000);
    window.setTimeout(ask, 300);
    try {
      return await job(ticket);
    } finally {
      done = true;
      window.clearInterval(timer);
      window.clearInterval(asking);
      bar.value = 100;
      box.hidden = true;
    }
  }

  // -- the true preview (LibreOffice) ------------------------------------------

  async function showPages() {
    const button = $("true-preview");
    if (button.getAttribute("aria-disabled") === "true") return;
    await caughtUp();
    const problems = showProblems(allProblems());
    if (problems.length) {
      say("No true preview: fix the problem first.", problemSummary(problems));
      return;
    }
    button.setAttribute("aria-disabled", "true");
    say("Making the true preview with LibreOffice: this takes a little while…");
    try {
      const pages = await working("true preview", "pages", async (ticket) => (await (await post("/api/pages", undefined, ticket)).json()).pages);
      const titles = state.layout ? state.layout.slides.map((s) => s.title) : [];
      const items = pages.map((src, i) => {
        const title = pages.length === titles.length ? titles[i] : "";
        const picture = el("img", { src, alt: `Slide ${i + 1}${title ? `, ${title},` : ""} as LibreOffice draws it` });
        return el("li", { class: "slide" }, el("figure", {}, picture, el("figcaption", {}, el("b", { text: `${i + 1}` }), ` ${title}`)));
      });
      $("pages").replaceChildren(...items);
      $("pages").hidden = false;
      $("slides").hidden = true;
      $("viewer").hidden = true;
      state.pagesShown = true;
      button.textContent = "Quick preview";
      say(`True preview: ${plural(pages.length, "page", "pages")} from LibreOffice.`);
    } catch (error) {
      state.serverProblems = error.problems || [{ field: "", message: "The true preview could not be made." }];
      say("No true preview: see below.", problemSummary(showProblems(allProblems())));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  function hidePages(announce) {
    $("pages").hidden = true;
    $("pages").replaceChildren();
    $("slides").hidden = false;
    $("viewer").hidden = !state.layout;
    state.pagesShown = false;
    $("true-preview").textContent = "True preview";
    if (announce) say("Showing the quick preview.");
  }

  // -- downloads ------------------------------------------------------------

  /* A download's name: the deck's title, without the characters a file name cannot have. */
  function fileName(suffix) {
    const title = $("title").value.replace(/[^\p{L}\p{N}\s._-]+/gu, " ").split(/\s+/).join(" ");
    const stem = title.replace(/^[\s.-]+|[\s.-]+$/g, "").slice(0, 80).trim() || state.pack.id;
    return `${stem}${suffix}`;
  }

  async function download(path, button, what, kind) {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    try {
      await caughtUp();
      const problems = showProblems(allProblems());
      if (problems.length) {
        say(`The ${what} was not made: fix the problem first.`, problemSummary(problems));
        state.problemShown = true;
        return;
      }
      say(`Making the ${what}…`);
      const response = await working(what, kind, (ticket) => post(path, undefined, ticket));
      const blob = await response.blob();
      const name = fileName(SUFFIXES[kind]);
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
      say(`Downloaded ${name}.`);
    } catch (error) {
      state.serverProblems = error.problems || [{ field: "", message: `The ${what} could not be made: is the server still running?` }];
      say(`The ${what} was not made: see below.`, problemSummary(showProblems(allProblems())));
      state.problemShown = true;
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  // -- a settings file opened ---------------------------------------------------

  /* Whether opening a settings file for ``pack`` would discard choices made here. */
  function wouldDiscard(pack, settings) {
    if (state.pack.id === pack.id) remember();
    const kept = state.saved.packs[pack.id];
    const fallback = (key) => DEFAULTS[key] || "";
    const shared = SHARED.some((key) => $(key).value !== fallback(key) && $(key).value !== (settings[key] || fallback(key)));
    if (!kept) return shared;
    const ids = pack.stories.map((s) => s.id);
    return shared || kept.off.length > 0 || kept.questionsOff.length > 0 || kept.order.join(" ") !== ids.join(" ") ||
      PER_PACK.some((key) => (kept[key] || "") !== (pack[key] || ""));
  }

  async function openSettings() {
    const input = $("settings");
    const file = input.files[0];
    if (!file) return;
    const data = new FormData();
    data.append("settings", file, file.name);
    let settings;
    try {
      const response = await fetch("/api/settings", { method: "POST", body: data });
      const answer = await response.json();
      if (!response.ok) throw Object.assign(new Error("problems"), { problems: answer.problems });
      settings = answer;
    } catch (error) {
      $("pack-tools").open = true;
      state.serverProblems = error.problems || [{ field: "settings", message: "The settings file could not be read: is the server still running?" }];
      say("The settings file was not opened: see below.", problemSummary(showProblems(allProblems())));
      input.value = "";
      return;
    }
    const pack = state.packs.find((p) => p.id === settings.source);
    if (wouldDiscard(pack, settings)) {
      const ok = window.confirm(`Replace your choices for ${quoted(pack.title)} with those in ${quoted(file.name)}?`);
      if (!ok) {
        input.value = "";
        say("The settings file was not opened: your choices are as they were.");
        return;
      }
    }
    const ids = pack.stories.map((s) => s.id);
    const listed = (settings.stories || ids).filter((id) => ids.includes(id));
    const questions = settings.questions ? new Set(settings.questions.map(Number)) : null;
    state.saved.packs[pack.id] = {
      order: [...listed, ...ids.filter((id) => !listed.includes(id))],
      off: ids.filter((id) => !listed.includes(id)),
      questionsOff: questions ? pack.questions.map((q) => q.number).filter((n) => !questions.has(n)) : [],
      title: settings.title || pack.title || "",
      subtitle: settings.subtitle || pack.subtitle || "",
    };
    for (const key of SHARED) setShared(key, settings[key]);
    state.pack = null; // what it showed is replaced, not kept
    document.querySelector(`input[name="source"][value="${pack.id}"]`).checked = true;
    choosePack(pack.id);
    for (const key of Object.keys(FILES)) {
      if (settings[key]) note(key, `The settings file used ${quoted(settings[key])}: choose it again.`);
    }
    state.serverProblems = [];
    input.value = "";
    say(`Opened ${quoted(file.name)}: ${quoted(pack.title)} with its choices.`);
    changed();
  }

  // -- events --------------------------------------------------------------

  function wire() {
    $("packs").addEventListener("change", (event) => {
      if (event.target.name !== "source") return;
      choosePack(event.target.value);
      say(`Pack chosen: ${state.pack.title}.`);
      changed();
    });
    $("start-again").addEventListener("click", startAgain);
    $("settings").addEventListener("change", openSettings);
    $("stories").addEventListener("change", (event) => {
      if (event.target.name !== "story") return;
      const id = event.target.value;
      if (event.target.checked) state.off.delete(id);
      else state.off.add(id);
      event.target.closest(".story").classList.toggle("off", !event.target.checked);
      renderQuestions();
      changed();
    });
    $("stories").addEventListener("click", (event) => {
      const button = event.target.closest("button[data-move]");
      if (button) moveStory(button.dataset.story, Number(button.dataset.move), button);
    });
    $("questions").addEventListener("change", (event) => {
      if (event.target.name !== "question") return;
      const n = Number(event.target.value);
      if (event.target.checked) state.questionsOff.delete(n);
      else state.questionsOff.add(n);
      renderQuestions();
      changed();
    });
    $("questions-all").addEventListener("click", () => tickQuestions(true));
    $("questions-none").addEventListener("click", () => tickQuestions(false));
    for (const key of [...TEXT, "date", "language"]) $(key).addEventListener("input", changed);
    $("date").addEventListener("change", changed);
    $("date").addEventListener("blur", () => {
      const problems = showProblems(allProblems());
      if (problems.some((p) => p.field === "date")) {
        say("There is a problem: see the list below. Nothing can be downloaded until it is fixed.", problemSummary(problems));
        state.problemShown = true;
      }
    });
    for (const key of Object.keys(FILES)) {
      $(key).addEventListener("change", () => {
        checkFile(key);
        changed();
      });
      $(`${key}-clear`).addEventListener("click", () => {
        $(key).value = "";
        delete state.saved.files[key];
        checkFile(key);
        $(key).focus();
        say(`The ${key} is removed.`);
        changed();
      });
    }
    $("deck-form").addEventListener("submit", (event) => event.preventDefault());
    $("download-pptx").addEventListener("click", (e) => download("/api/deck", e.currentTarget, "PowerPoint deck", "deck"));
    $("download-pdf").addEventListener("click", (e) => download("/api/pdf", e.currentTarget, "PDF", "pdf"));
    $("download-yaml").addEventListener("click", (e) => download("/api/yaml", e.currentTarget, "settings file", "yaml"));
    $("download-handout").addEventListener("click", (e) => download("/api/handout", e.currentTarget, "session plan", "handout"));
    $("true-preview").addEventListener("click", () => (state.pagesShown ? hidePages(true) : showPages()));
    $("slides").addEventListener("click", (event) => {
      const target = event.target.closest("[data-slide]");
      if (target) showSlide(Number(target.dataset.slide), target.tagName === "BUTTON");
    });
    $("slide-prev").addEventListener("click", () => state.current > 0 && showSlide(state.current - 1, true));
    $("slide-next").addEventListener("click", () => state.layout && state.current < state.layout.slides.length - 1 && showSlide(state.current + 1, true));
    // Choices are kept in this browser, but files cannot be: ask before a chosen logo or template is lost.
    window.addEventListener("beforeunload", (event) => {
      if ($("logo").files.length || $("template").files.length) event.preventDefault();
    });
    $("to-preview").addEventListener("click", () => window.setTimeout(() => $("preview").focus(), 0));
    if ("IntersectionObserver" in window) {
      // On a narrow screen the link to the preview stays at the bottom until the preview is in view.
      new IntersectionObserver((entries) => {
        $("to-preview").classList.toggle("gone", entries[0].isIntersecting);
      }).observe($("preview"));
    }
    updatePreview();
  }

  start();
})();
