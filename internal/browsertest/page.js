({
  // This object is evaluated afresh for every step, as `(page.js).fn(args)`,
  // so it survives navigations. Every function returns plain JSON: on a
  // problem {error: "..."} with what the page has instead.
  attr: 'data-browsertest-id',

  norm(s) {
    return String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
  },

  quote(s) {
    return JSON.stringify(s);
  },

  visible(el) {
    if (!el.isConnected) return false;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') return false;
    return el.getClientRects().length > 0;
  },

  byID(id) {
    return id ? document.querySelector('[' + this.attr + '="' + id + '"]') : null;
  },

  mark(el, id) {
    el.setAttribute(this.attr, id);
    return id;
  },

  // labelText is the visible text of a <label> as its field's accessible
  // name: without the text of a control nested in it (the options of a
  // nested <select>, say) and without aria-hidden parts (a required-field
  // "*", say).
  labelText(label) {
    let s = '';
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) {
          s += c.textContent;
          continue;
        }
        if (c.nodeType !== Node.ELEMENT_NODE ||
          c.matches('input, select, textarea, button, datalist, option, [aria-hidden=true]')) {
          continue;
        }
        const style = getComputedStyle(c);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const block = !style.display.startsWith('inline');
        if (block || c.tagName === 'BR') s += ' ';
        walk(c);
        if (block) s += ' ';
      }
    };
    walk(label);
    return this.norm(s);
  },

  // names are what a field is called: its <label>s, else its ARIA name.
  names(el) {
    const names = [...(el.labels || [])].map((l) => this.labelText(l)).filter((s) => s);
    if (names.length) return names;
    const aria = this.norm(el.getAttribute('aria-label'));
    if (aria) return [aria];
    const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/)
      .map((id) => document.getElementById(id)).filter((e) => e)
      .map((e) => this.norm(e.innerText)).join(' ');
    return by ? [by] : [];
  },

  describe(el) {
    const tag = el.tagName.toLowerCase();
    const names = el.matches('input, select, textarea') ? this.names(el) : [];
    if (names.length) return tag + ' ' + this.quote(names[0]);
    const text = this.norm(el.innerText || el.value || el.getAttribute('aria-label'));
    const id = el.id ? '#' + el.id : (el.name ? '[name=' + el.name + ']' : '');
    return '<' + tag + id + '>' + (text ? ' ' + this.quote(text.slice(0, 60)) : '');
  },

  fields() {
    return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
  },

  // field finds the one control whose label is exactly label.
  field(label) {
    const want = this.norm(label);
    const all = this.fields();
    const found = all.filter((el) => this.names(el).includes(want));
    if (found.length === 1) return {el: found[0]};
    if (found.length > 1) {
      return {error: found.length + ' fields are labelled ' + this.quote(want) + ': ' +
        found.map((el) => this.describe(el)).join(', ')};
    }
    const labels = [...new Set(all.flatMap((el) => this.names(el)))];
    const unlabelled = all.filter((el) => this.names(el).length === 0);
    let msg = 'no field labelled ' + this.quote(want) + '; the labels on the page are ' +
      (labels.length ? labels.map((s) => this.quote(s)).join(', ') : '(none)');
    if (unlabelled.length) {
      msg += '; fields without a label: ' + unlabelled.map((el) => this.describe(el)).join(', ');
    }
    return {error: msg};
  },

  usable(el, label) {
    if (el.disabled) return 'the field ' + this.quote(label) + ' is disabled';
    if (el.readOnly) return 'the field ' + this.quote(label) + ' is read-only';
    if (!this.visible(el) && !['checkbox', 'radio'].includes(el.type)) {
      return 'the field ' + this.quote(label) + ' is not visible';
    }
    return '';
  },

  typed: ['text', 'email', 'password', 'search', 'tel', 'url', 'number'],

  // fill prepares the field labelled a.label for the value a.value. It does
  // the whole job for a select, a checkbox or an input that takes no typing
  // (date, colour, …); for text it clears the field and answers kind "type",
  // and the caller types the value with real key presses.
  fill(a) {
    const f = this.field(a.label);
    if (f.error) return f;
    const el = f.el;
    const bad = this.usable(el, a.label);
    if (bad) return {error: bad};
    this.mark(el, a.id);
    if (el.tagName === 'SELECT') return this.choose(el, a.label, a.value, a.id);
    if (el.tagName === 'TEXTAREA' || this.typed.includes(el.type)) {
      el.focus();
      el.value = '';
      el.dispatchEvent(new Event('input', {bubbles: true}));
      return {kind: 'type', id: a.id};
    }
    if (el.type === 'file') return {kind: 'file', id: a.id};
    if (el.type === 'checkbox' || el.type === 'radio') {
      const on = ['true', 'on', 'yes', '1', 'checked'].includes(String(a.value).toLowerCase());
      if (!on && el.type === 'radio') {
        return {error: 'a radio button cannot be unchecked; fill another one of its group'};
      }
      if (el.checked !== on) el.click();
      if (el.checked !== on) return {error: 'the page did not let ' + this.quote(a.label) + ' change'};
      return {kind: 'done', id: a.id};
    }
    el.focus();
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(el, a.value);
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    if (el.value !== a.value) {
      return {error: 'the <input type=' + el.type + '> labelled ' + this.quote(a.label) +
        ' does not take ' + this.quote(a.value) + ' (it holds ' + this.quote(el.value) + ')'};
    }
    return {kind: 'done', id: a.id};
  },

  // changed fires change once typing is over, as leaving the field would.
  changed(a) {
    const el = this.byID(a.id);
    if (!el) return {error: 'the field is gone from the page'};
    el.dispatchEvent(new Event('change', {bubbles: true}));
    return {value: el.value};
  },

  select(a) {
    const f = this.field(a.label);
    if (f.error) return f;
    const el = f.el;
    if (el.tagName !== 'SELECT') {
      return {error: 'the field labelled ' + this.quote(a.label) + ' is ' + this.describe(el) + ', not a <select>'};
    }
    const bad = this.usable(el, a.label);
    if (bad) return {error: bad};
    this.mark(el, a.id);
    return this.choose(el, a.label, a.value, a.id);
  },

  choose(el, label, text, id) {
    const want = this.norm(text);
    const opts = [...el.options];
    const o = opts.find((o) => this.norm(o.text) === want);
    if (!o) {
      return {error: 'the list ' + this.quote(label) + ' has no option ' + this.quote(want) +
        '; its options are ' + opts.map((o) => this.quote(this.norm(o.text))).join(', ')};
    }
    if (o.disabled) return {error: 'the option ' + this.quote(want) + ' of ' + this.quote(label) + ' is disabled'};
    el.focus();
    o.selected = true;
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    return {kind: 'done', id: id};
  },

  // invalid lists the fields of form that the browser would refuse to send.
  invalid(form, submitter) {
    if (form.noValidate || (submitter && submitter.formNoValidate)) return '';
    const bad = [...form.elements].filter((e) => e.willValidate && !e.checkValidity());
    if (!bad.length) return '';
    return 'the browser refuses to submit the form: ' +
      bad.map((e) => this.describe(e) + ': ' + e.validationMessage).join('; ');
  },

  // navigates tells whether activating el loads a page in this tab.
  navigates(el) {
    const a = el.closest('a[href]');
    if (a) {
      if (a.hasAttribute('download') || (a.target && a.target !== '_self')) return false;
      const u = new URL(a.href, location.href);
      if (u.protocol === 'javascript:') return false;
      const here = location.href.split('#')[0];
      return !(u.href.split('#')[0] === here && u.hash);
    }
    const b = el.closest('button, input');
    if (b && b.form && !b.disabled && (b.type === 'submit' || b.type === 'image')) {
      const method = (b.getAttribute('formmethod') || b.form.getAttribute('method') || 'get').toLowerCase();
      const target = b.getAttribute('formtarget') || b.form.getAttribute('target') || '';
      return method !== 'dialog' && (target === '' || target === '_self');
    }
    return false;
  },

  clickables() {
    return [...document.querySelectorAll('a[href], button, input[type=submit], input[type=button], ' +
      'input[type=reset], input[type=image], [role=button], [role=link], [role=tab], [role=menuitem], summary')]
      .filter((el) => this.visible(el));
  },

  name(el) {
    if (el.tagName === 'INPUT') return this.norm(el.type === 'image' ? el.alt : el.value);
    return this.norm(el.innerText) || this.norm(el.getAttribute('aria-label'));
  },

  // click finds what a.query names: the visible text of a link or button,
  // else a CSS selector. It marks the element for a real mouse click.
  click(a) {
    const want = this.norm(a.query);
    const all = this.clickables();
    let found = all.filter((el) => this.name(el) === want || this.norm(el.getAttribute('aria-label')) === want);
    if (found.length > 1) {
      const hrefs = new Set(found.map((el) => el.tagName === 'A' ? el.href : el));
      if (hrefs.size > 1) {
        return {error: found.length + ' things to click read ' + this.quote(want) + ': ' +
          found.map((el) => this.describe(el)).join(', ') + '; name one with a CSS selector'};
      }
    }
    if (!found.length) {
      let matches = [];
      try {
        matches = [...document.querySelectorAll(a.query)];
      } catch (e) {
        matches = null;
      }
      if (matches && matches.length) {
        found = matches.filter((el) => this.visible(el));
        if (!found.length) return {error: 'the selector ' + this.quote(a.query) + ' matches ' + matches.length + ' element(s), none visible'};
      }
    }
    if (!found.length) {
      return {error: 'nothing to click reads ' + this.quote(want) + ' (nor matches it as a CSS selector); ' +
        'the links and buttons are ' + (all.map((el) => this.quote(this.name(el))).join(', ') || '(none)')};
    }
    const el = found[0];
    if (el.disabled) return {error: this.describe(el) + ' is disabled'};
    const b = el.closest('button, input');
    if (b && b.form && (b.type === 'submit' || b.type === 'image')) {
      const bad = this.invalid(b.form, b);
      if (bad) return {error: bad};
    }
    this.mark(el, a.id);
    return {id: a.id, nav: this.navigates(el), desc: this.describe(el)};
  },

  // submit finds the form of the focused field, else of the last one filled
  // (a.last), and its default button, which the caller clicks; a form with
  // no button is submitted with requestSubmit (kind "request").
  submit(a) {
    let el = document.activeElement;
    if (!el || !el.form) el = this.byID(a.last);
    if (!el || !el.form) {
      return {error: 'no form to submit: fill one of its fields first, or name its button'};
    }
    const form = el.form;
    const button = [...form.elements].find((e) =>
      (e.tagName === 'BUTTON' && (e.type === 'submit')) ||
      (e.tagName === 'INPUT' && (e.type === 'submit' || e.type === 'image')));
    const bad = this.invalid(form, button);
    if (bad) return {error: bad};
    if (button && this.visible(button) && !button.disabled) {
      this.mark(button, a.id);
      return {kind: 'click', id: a.id, nav: this.navigates(button), desc: this.describe(button)};
    }
    this.mark(form, a.id);
    const method = (form.getAttribute('method') || 'get').toLowerCase();
    const target = form.getAttribute('target') || '';
    return {kind: 'request', id: a.id, nav: method !== 'dialog' && (target === '' || target === '_self'), desc: '<form>'};
  },

  requestSubmit(a) {
    this.byID(a.id).requestSubmit();
    return {};
  },

  contains(a) {
    const text = document.body ? this.norm(document.body.innerText) : '';
    return text.includes(this.norm(a.text));
  },
})
