// Links to paragraphs and citations on a speech page (speech.html).
//
// Every paragraph and heading of the body ends in a.anchor, a plain link to its
// own id that works without this script. With it, following the link also
// copies the block's permanent address, and a small menu beside the link offers
// the speech's GB/T 7714 reference with that address. The 引用本文 block gets
// the reader's access date (引用日期) and a button to copy the reference.
// The strings come from data-t-* attributes of article.speech.
(() => {
  'use strict';
  const article = document.querySelector('article.speech[data-permalink]');
  const reference = document.getElementById('cite-reference');
  if (!article || !reference) return;
  const data = article.dataset;
  const permalink = data.permalink;
  const t = {
    copied: data.tCopied,
    copyFailed: data.tCopyFailed,
    copyCitation: data.tCopyCitation,
    citationCopied: data.tCitationCopied,
  };

  const pad = (n) => String(n).padStart(2, '0');
  const now = new Date();
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  reference.querySelector('.cite-accessed').textContent = `[${today}]`;
  const head = reference.querySelector('.cite-head').textContent;
  const citation = (url) => `${head}[${today}]. ${url}.`;

  // The clipboard API where the page may use it (https, localhost); else the
  // older copy command on a hidden text area. Focus goes back where it was.
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      const focused = document.activeElement;
      const area = document.createElement('textarea');
      area.value = text;
      area.readOnly = true;
      area.style.cssText = 'position:fixed;top:0;left:0;opacity:0';
      document.body.append(area);
      area.select();
      let copied = false;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      area.remove();
      focused?.focus?.();
      return copied;
    }
  };

  // What could not be copied, shown selected to copy by hand.
  const manual = (text) => {
    const field = document.createElement('input');
    field.className = 'anchor-menu-url';
    field.readOnly = true;
    field.value = text;
    return field;
  };

  const copyReference = document.querySelector('.cite-copy');
  if (copyReference) {
    const status = document.createElement('span');
    status.className = 'cite-status meta';
    status.setAttribute('role', 'status');
    copyReference.after(status);
    copyReference.hidden = false;
    copyReference.addEventListener('click', async () => {
      const text = citation(permalink);
      status.replaceChildren();
      if (await copy(text)) {
        status.textContent = t.citationCopied;
      } else {
        const field = manual(text);
        status.append(t.copyFailed, field);
        field.select();
      }
    });
  }

  let menu = null;
  const closeMenu = () => {
    menu?.remove();
    menu = null;
  };

  const openMenu = (link, url, copied) => {
    closeMenu();
    menu = document.createElement('span');
    menu.className = 'anchor-menu';
    const status = document.createElement('span');
    status.className = 'anchor-menu-status';
    status.setAttribute('role', 'status');
    const cite = document.createElement('button');
    cite.type = 'button';
    cite.className = 'anchor-menu-cite';
    cite.textContent = t.copyCitation;
    menu.append(status, cite);
    link.after(menu);
    const failed = (text) => {
      const field = manual(text);
      status.replaceChildren(t.copyFailed, field);
      field.focus();
      field.select();
    };
    if (copied) status.textContent = t.copied;
    else failed(url);
    cite.addEventListener('click', async () => {
      const text = citation(url);
      if (await copy(text)) status.textContent = t.citationCopied;
      else failed(text);
    });
  };

  document.addEventListener('click', async (event) => {
    const link = event.target.closest?.('a.anchor');
    if (link && article.contains(link)) {
      event.preventDefault();
      // The address bar shows the block's address, as the plain link would.
      history.replaceState(null, '', link.hash);
      const url = permalink + link.hash;
      openMenu(link, url, await copy(url));
      return;
    }
    if (menu && !menu.contains(event.target)) closeMenu();
  });

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu) return;
    const link = menu.previousElementSibling;
    closeMenu();
    link?.focus();
  });
})();
