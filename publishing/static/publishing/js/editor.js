/* The article editor's small helpers (publishing/journey.py):
 * - the chosen image's "Omschrijving" fills an empty alt text field (header image and image blocks);
 * - live character counters under the title and the search engine description; a title longer than the
 *   database allows is no longer cut off by the browser, the server answers with a clear error instead;
 * - pasting (from Word) into a text block says what did not fit: headings, tables and images;
 * - the Checks panel counts the words of the article itself, not of the related news and the newsletter
 *   block below it (Wagtail counts all of <main>).
 */
(() => {
  const configElement = document.getElementById('nr-editor-config');
  if (!configElement) return;
  const config = JSON.parse(configElement.textContent);
  const format = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => String(values[key]));

  function altFieldFor(input) {
    const form = input.form;
    if (!form || !input.name) return null;
    if (input.name === 'image') return form.elements.namedItem('image_alt');
    if (input.name.endsWith('-image')) return form.elements.namedItem(input.name.replace(/-image$/, '-alt_text'));
    return null;
  }

  document.addEventListener('change', async (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'hidden' || !input.value) return;
    const alt = altFieldFor(input);
    if (!alt || alt.value.trim()) return;
    const url = config.descriptionUrl.replace('/0/', `/${encodeURIComponent(input.value)}/`);
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      const { description } = await response.json();
      if (description && !alt.value.trim()) {
        alt.value = description;
        alt.dispatchEvent(new Event('input', { bubbles: true }));
        alt.dispatchEvent(new Event('change', { bubbles: true }));
        let note = alt.parentElement.querySelector('[data-nr-alt-note]');
        if (!note) {
          note = Object.assign(document.createElement('p'), { className: 'help' });
          note.setAttribute('data-nr-alt-note', '');
          alt.insertAdjacentElement('afterend', note);
        }
        note.textContent = config.strings.altFromDescription;
      }
    } catch (error) {
      // No description: the editor types the alt text, as before.
    }
  });

  function addCounter(field, limit) {
    const counter = document.createElement('p');
    counter.className = 'help';
    counter.id = `${field.id}-teller`;
    counter.setAttribute('data-nr-counter', field.name);
    counter.setAttribute('aria-live', 'polite');
    field.insertAdjacentElement('afterend', counter);
    const described = field.getAttribute('aria-describedby');
    field.setAttribute('aria-describedby', described ? `${described} ${counter.id}` : counter.id);
    const update = () => {
      const count = field.value.trim().length;
      const tooLong = count > limit;
      counter.textContent = format(config.strings[tooLong ? 'tooLong' : 'count'], { count, limit });
      counter.classList.toggle('error-message', tooLong);
    };
    field.addEventListener('input', update);
    update();
  }

  function pasteNotice(event) {
    const editor = event.target instanceof Element && event.target.closest('.Draftail-Editor');
    const html = editor && event.clipboardData && event.clipboardData.getData('text/html');
    if (!html) return;
    const pasted = new DOMParser().parseFromString(html, 'text/html');
    const lost = {
      headings: pasted.querySelectorAll('h1, h2, h3, h4, h5, h6').length,
      tables: pasted.querySelectorAll('table').length,
      images: pasted.querySelectorAll('img').length,
    };
    const lines = Object.entries(lost)
      .filter(([, count]) => count > 0)
      .map(([kind, count]) => format(config.strings[kind], { count }));
    let note = editor.parentElement.querySelector('[data-nr-paste-note]');
    if (!lines.length) {
      note?.remove();
      return;
    }
    if (!note) {
      note = document.createElement('div');
      note.className = 'help-block help-warning';
      note.setAttribute('data-nr-paste-note', '');
      note.setAttribute('role', 'status');
      editor.insertAdjacentElement('afterend', note);
    }
    note.replaceChildren(
      Object.assign(document.createElement('p'), { textContent: config.strings.pasted }),
      ...lines.map((line) => Object.assign(document.createElement('p'), { textContent: line })),
    );
  }
  document.addEventListener('paste', pasteNotice, true);

  // The preview controller's content extractor reads the first element matching this selector in the
  // preview; for an article that is <article>, elsewhere <main>. (Wagtail internal, see tests/browser.)
  const ownWords = () => {
    const element = document.querySelector('[data-controller~="w-preview"]');
    const preview = element && window.wagtail.app.getControllerForElementAndIdentifier(element, 'w-preview');
    if (preview && preview.contentExtractorOptions) {
      preview.contentExtractorOptions.targetElement = 'main > article, main:not(:has(> article)), [role="main"]';
    }
  };
  document.addEventListener('show', ownWords, true);
  window.addEventListener('message', ownWords, true);

  const start = () => {
    ownWords();
    // The browser would cut a longer pasted title off without a word; the server's error says why instead.
    document.querySelectorAll('form [name="title"][maxlength]').forEach((field) => field.removeAttribute('maxlength'));
    Object.entries(config.limits).forEach(([name, limit]) => {
      const field = document.querySelector(`form [name="${name}"]`);
      if (field && !field.hasAttribute('data-nr-counted')) {
        field.setAttribute('data-nr-counted', '');
        addCounter(field, limit);
      }
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
