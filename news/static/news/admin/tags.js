/* The article editor's tag field (news/tag_admin.py): Wagtail's tag-it field, with
 * - Enter and comma adding the typed tag even while the suggestion list is open (tag-it ignores them then,
 *   so the next tag was typed onto the previous one: "samenwerkingvng");
 * - leaving the field adding the typed text as a tag instead of silently keeping it out of the save;
 * - chips without the quotes Wagtail puts around tags with spaces.
 */
(() => {
  const { Controller } = window.StimulusModule;
  const $ = window.jQuery;

  class ArticleTagController extends Controller {
    static values = { options: { type: Object, default: {} }, url: { type: String, default: '' } };

    connect() {
      this.request = null;
      $(this.element).tagit({
        autocomplete: { source: (request, respond) => this.suggest(request.term).then(respond), delay: 200 },
        preprocessTag: (tag) => (tag || '').replace(/^"(.*)"$/, '$1').trim(),
        ...this.optionsValue,
      });
      this.input = this.element.nextElementSibling.querySelector('li.tagit-new input');
      this.input.setAttribute('aria-label', this.element.labels[0]?.textContent.trim() || 'Tags');
      this.onKeydown = this.onKeydown.bind(this);
      this.onBlur = this.onBlur.bind(this);
      // Capture phase: before tag-it's and jQuery UI's own handlers on the same input.
      this.input.addEventListener('keydown', this.onKeydown, true);
      this.input.addEventListener('blur', this.onBlur, true);
    }

    disconnect() {
      this.input?.removeEventListener('keydown', this.onKeydown, true);
      this.input?.removeEventListener('blur', this.onBlur, true);
    }

    menu() {
      return $(this.input).autocomplete('instance')?.menu;
    }

    addTyped() {
      const typed = this.input.value.replace(/,+$/, '').trim();
      $(this.input).autocomplete('close');
      if (typed) $(this.element).tagit('createTag', typed);
      this.input.value = '';
    }

    onKeydown(event) {
      if (event.key !== 'Enter' && event.key !== ',') return;
      const menu = this.menu();
      if (!menu || !menu.element.is(':visible')) return; // tag-it adds the tag itself
      if (event.key === 'Enter' && menu.active) return; // a suggestion picked with the arrow keys
      event.preventDefault();
      event.stopImmediatePropagation();
      this.addTyped();
    }

    onBlur() {
      if (this.input.value.trim()) this.addTyped();
    }

    async suggest(term) {
      this.request?.abort();
      this.request = new AbortController();
      try {
        const url = new URL(this.urlValue, window.location.origin);
        url.searchParams.set('term', term);
        const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: this.request.signal });
        const names = await response.json();
        return Array.isArray(names) ? names : [];
      } catch (error) {
        return [];
      }
    }
  }

  window.wagtail.app.register('nr-tag', ArticleTagController);
})();
