/* dnadeck's page: choose a pack, stories and questions, see every slide, download.
   No framework and no build step. The server does all the work through
   its HTTP API (/api/packs, /api/plan, /api/deck, /api/pdf, /api/yaml, /api/handout, /api/pages). */
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const FIELDS = ["source", "story", "question", "title", "subtitle", "presenter", "organisation", "date", "logo", "template"];
  const TEXT = ["title", "subtitle", "presenter", "organisation"];
  const EMU_PER_POINT = 12700;
  const PREVIEW_DELAY = 350; // ms after the last change

  const state = {
    packs: [],
    office: false,
    limits: {},
    pack: null,
    order: [], // story ids in the order chosen
    off: new Set(), // stories left out
    questionsOff: new Set(), // question numbers left out
    edited: { title: false, subtitle: false },
    fileProblems: {}, // field -> message found before sending (size)
    seq: 0,
    controller: null,
    timer: null,
    slideCount: null,
    pagesShown: false,
    titles: [], // the slides' titles, as last drawn
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

  // -- the packs --------------------------------------------------------------

  async function start() {
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
    $("download-pdf").hidden = !state.office;
    $("true-preview").hidden = !state.office;
    renderPacks();
    const wanted = new URLSearchParams(window.location.search).get("pack");
    const first = state.packs.find((p) => p.id === wanted) || state.packs[0];
    document.querySelector(`input[name="source"][value="${first.id}"]`).checked = true;
    choosePack(first.id);
    wire();
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

  function choosePack(id) {
    state.pack = state.packs.find((p) => p.id === id);
    state.order = state.pack.stories.map((s) => s.id);
    state.off = new Set();
    state.questionsOff = new Set();
    for (const key of ["title", "subtitle"]) {
      if (!state.edited[key]) $(key).value = state.pack[key] || "";
    }
    renderStories();
    renderQuestions();
  }

  // -- stories ------------------------------------------------------------------

  function renderStories() {
    const items = state.order.map((id, index) => {
      const story = storyOf(id);
      const box = `story-${id}`;
      const told = story.storyteller ? `Told by ${story.storyteller}` : "Storyteller not named";
      const meta = story.number ? `${told} · Story ${story.number}` : told;
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
            el("p", { class: "meta", id: `${box}-meta`, text: meta }),
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
    say(`${quoted(storyOf(id).title)} moved to place ${to + 1} of ${state.order.length}.`);
    renderQuestions();
    changed();
  }

  // -- questions --------------------------------------------------------------

  function renderQuestions() {
    const hiddenFor = new Set();
    const items = [];
    for (const q of state.pack.questions) {
      if (q.story && state.off.has(q.story)) {
        hiddenFor.add(q.story);
        continue;
      }
      const box = `question-${q.number}`;
      items.push(
        el(
          "li",
          { class: "question" },
          el("input", { type: "checkbox", id: box, name: "question", value: String(q.number), checked: !state.questionsOff.has(q.number) }),
          el("label", { for: box }, el("span", { class: "num", text: `${q.number}.` }), " ", q.text),
        ),
      );
    }
    $("questions").replaceChildren(...items);
    const note = $("questions-left-out");
    if (hiddenFor.size) {
      const titles = [...hiddenFor].map((id) => quoted(storyOf(id).title));
      note.textContent = `Questions about ${titles.join(" and ")} are left out with the ${hiddenFor.size === 1 ? "story" : "stories"}.`;
      note.hidden = false;
    } else {
      note.hidden = true;
    }
    if (!items.length) $("questions").append(el("li", { class: "hint", text: "No questions: tick a story to ask about it." }));
  }

  // -- the form as the API takes it ---------------------------------------

  function shownQuestions() {
    return state.pack.questions.filter((q) => !(q.story && state.off.has(q.story)));
  }

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
    for (const key of ["logo", "template"]) {
      const file = $(key).files[0];
      if (file && !state.fileProblems[key]) data.append(key, file, file.name);
    }
    return data;
  }

  // -- problems next to their fields -------------------------------------------

  const CONTROLS = {
    source: () => [$("source-group")],
    story: () => [$("story-group")],
    question: () => [$("question-group")],
  };

  function controlsOf(field) {
    return CONTROLS[field] ? CONTROLS[field]() : [$(field)];
  }

  const NAMES = {
    source: "Pack", story: "Stories", question: "Questions", title: "Title", subtitle: "Subtitle",
    presenter: "Presenter", organisation: "Organisation", date: "Date", logo: "Logo", template: "PowerPoint template",
  };

  function focusField(field) {
    const target = {
      source: () => document.querySelector('input[name="source"]:checked'),
      story: () => document.querySelector('#stories input'),
      question: () => document.querySelector('#questions input'),
    }[field];
    const control = target ? target() : $(field);
    if (control) control.focus();
  }

  function showProblems(problems) {
    const byField = {};
    const general = [];
    const all = [...Object.entries(state.fileProblems).map(([field, message]) => ({ field, message })), ...problems];
    for (const p of all) {
      if (FIELDS.includes(p.field)) (byField[p.field] = byField[p.field] || []).push(p.message);
      else general.push(p.message);
    }
    for (const field of FIELDS) {
      const box = $(`${field}-error`);
      const messages = byField[field] || [];
      box.textContent = messages.join(" ");
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
    box.replaceChildren(el("h3", { text: items.length === 1 ? "There is a problem" : "There are problems" }), el("ul", {}, ...items));
    box.hidden = !items.length;
    return all;
  }

  function problemSummary(problems) {
    if (problems.length === 1) {
      const p = problems[0];
      return FIELDS.includes(p.field) ? `${NAMES[p.field]}: ${p.message}` : p.message;
    }
    const fields = [...new Set(problems.map((p) => NAMES[p.field] || "the form"))];
    return `${problems.length} problems, with ${fields.join(", ")}.`;
  }

  function checkFile(key) {
    const file = $(key).files[0];
    delete state.fileProblems[key];
    $(`${key}-clear`).hidden = !file;
    if (file && file.size > state.limits[key]) {
      const mb = Math.round(state.limits[key] / 1048576);
      state.fileProblems[key] = `${file.name} is larger than ${mb} MB: choose a smaller file.`;
    }
  }

  // -- the preview -----------------------------------------------------------

  function changed() {
    if (state.pagesShown) hidePages(false);
    $("slides").classList.add("stale");
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(updatePreview, PREVIEW_DELAY);
  }

  async function post(path, signal) {
    const response = await fetch(path, { method: "POST", body: formData(), signal });
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

  async function updatePreview() {
    const seq = ++state.seq;
    if (state.controller) state.controller.abort();
    state.controller = new AbortController();
    try {
      const response = await post("/api/plan", state.controller.signal);
      const plan = await response.json();
      if (seq !== state.seq) return;
      showProblems([]);
      drawSlides(plan.layout);
      const count = plan.layout.slides.length;
      $("slide-count").textContent = `(${plural(count, "slide", "slides")})`;
      if (count !== state.slideCount) say(`Preview updated: ${plural(count, "slide", "slides")}.`);
      $("to-preview").textContent = `See the ${plural(count, "slide", "slides")} and download the deck`;
      state.slideCount = count;
    } catch (error) {
      if (error.name === "AbortError" || seq !== state.seq) return;
      const problems = error.problems || [{ field: "", message: "The preview could not be made: is the server still running?" }];
      say("The preview is not up to date: see below.", problemSummary(showProblems(problems)));
    }
  }

  const pct = (part, whole) => `${(100 * part) / whole}%`;
  const cqw = (emu, width) => `${(100 * emu) / width}cqw`;

  function drawSlides(layout) {
    const { width, height, images } = layout;
    const total = layout.slides.length;
    const items = layout.slides.map((slide, i) => {
      const frame = el("div", { class: "frame", "aria-hidden": "true" });
      frame.style.aspectRatio = `${width} / ${height}`;
      frame.style.background = `#${slide.background}`;
      for (const shape of slide.shapes) frame.append(drawShape(shape, width, height, images));
      const caption = el("figcaption", {}, el("b", { text: `${i + 1}` }), el("span", { class: "visually-hidden", text: ` of ${total}:` }), ` ${slide.title}`);
      return el("li", { class: "slide", "data-position": String(slide.position) }, el("figure", {}, frame, caption));
    });
    $("slides").replaceChildren(...items);
    $("slides").classList.remove("stale");
    state.titles = layout.slides.map((slide) => slide.title);
  }

  function place(node, rect, width, height) {
    const [x, y, w, h] = rect;
    node.style.left = pct(x, width);
    node.style.top = pct(y, height);
    node.style.width = pct(w, width);
    node.style.height = pct(h, height);
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
    const size = (shape.size / 100) * EMU_PER_POINT;
    box.style.fontSize = cqw(size, width);
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

  // -- the true preview (LibreOffice) ------------------------------------------

  async function showPages() {
    const button = $("true-preview");
    button.setAttribute("aria-disabled", "true");
    say("Making the true preview with LibreOffice: this takes a little while…");
    try {
      const response = await post("/api/pages");
      const { pages } = await response.json();
      const items = pages.map((src, i) => {
        const title = pages.length === state.titles.length ? state.titles[i] : "";
        const picture = el("img", { src, alt: `Slide ${i + 1}${title ? `, ${title},` : ""} as LibreOffice draws it` });
        return el("li", { class: "slide" }, el("figure", {}, picture, el("figcaption", {}, el("b", { text: `${i + 1}` }), ` ${title}`)));
      });
      $("pages").replaceChildren(...items);
      $("pages").hidden = false;
      $("slides").hidden = true;
      state.pagesShown = true;
      button.textContent = "Quick preview";
      say(`True preview: ${plural(pages.length, "page", "pages")} from LibreOffice.`);
    } catch (error) {
      const problems = error.problems || [{ field: "", message: "The true preview could not be made." }];
      say("No true preview: see below.", problemSummary(showProblems(problems)));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  function hidePages(announce) {
    $("pages").hidden = true;
    $("pages").replaceChildren();
    $("slides").hidden = false;
    state.pagesShown = false;
    $("true-preview").textContent = "True preview";
    if (announce) say("Showing the quick preview.");
  }

  // -- downloads ------------------------------------------------------------

  function fileName(response, fallback) {
    const match = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") || "");
    return match ? match[1] : fallback;
  }

  async function download(path, button, what) {
    if (button.getAttribute("aria-disabled") === "true") return;
    button.setAttribute("aria-disabled", "true");
    say(`Making the ${what}…`);
    try {
      const response = await post(path);
      const blob = await response.blob();
      const name = fileName(response, `${state.pack.id}${path.endsWith("yaml") ? ".yaml" : ""}`);
      const url = URL.createObjectURL(blob);
      const link = el("a", { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 60000);
      showProblems([]);
      say(`Downloaded ${name}.`);
    } catch (error) {
      const problems = error.problems || [{ field: "", message: `The ${what} could not be made: is the server still running?` }];
      say(`The ${what} was not made: see below.`, problemSummary(showProblems(problems)));
    } finally {
      button.removeAttribute("aria-disabled");
    }
  }

  // -- events --------------------------------------------------------------

  function wire() {
    $("packs").addEventListener("change", (event) => {
      if (event.target.name !== "source") return;
      choosePack(event.target.value);
      say(`Pack chosen: ${state.pack.title}.`);
      changed();
    });
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
      changed();
    });
    for (const key of [...TEXT, "date"]) {
      $(key).addEventListener("input", () => {
        if (key in state.edited) state.edited[key] = true;
        changed();
      });
    }
    for (const key of ["logo", "template"]) {
      $(key).addEventListener("change", () => {
        checkFile(key);
        changed();
      });
      $(`${key}-clear`).addEventListener("click", () => {
        $(key).value = "";
        checkFile(key);
        $(key).focus();
        say(`The ${key} is removed.`);
        changed();
      });
    }
    $("deck-form").addEventListener("submit", (event) => event.preventDefault());
    $("download-pptx").addEventListener("click", (e) => download("/api/deck", e.currentTarget, "PowerPoint deck"));
    $("download-pdf").addEventListener("click", (e) => download("/api/pdf", e.currentTarget, "PDF"));
    $("download-yaml").addEventListener("click", (e) => download("/api/yaml", e.currentTarget, "settings file"));
    $("download-handout").addEventListener("click", (e) => download("/api/handout", e.currentTarget, "session plan"));
    $("true-preview").addEventListener("click", () => (state.pagesShown ? hidePages(true) : showPages()));
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
