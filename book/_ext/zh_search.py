"""The Chinese edition's search: the words readers type, found.

Sphinx's Chinese search (``sphinx.search.zh``) splits the pages into words with jieba when the
index is built, but the reader's query only at spaces and punctuation, in the browser: a query
such as 诉前调解中心 stays one "word" that is in no page's index (jieba indexed 诉前, 调解,
调解中心...), and finds nothing. And Sphinx drops every query term made only of digits, so the
courts' hotline 12368 finds nothing either.

In the Chinese edition the search page splits a run of Chinese characters into the index's own
words (the longest that the index has, from the left; a single leftover character is dropped
unless it is the whole query), and keeps numbers of three digits or more. The code goes into
the search page's ``language_data.js`` (Sphinx's place for a language's query splitter), which
only the search page loads.
"""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

SPLITTER = r"""
function splitQuery(query) {
  var index = (typeof Search !== "undefined" && Search._index) || {};
  var terms = index.terms || {}, titles = index.titleterms || {};
  var has = function (w) {
    return Object.prototype.hasOwnProperty.call(terms, w) ||
           Object.prototype.hasOwnProperty.call(titles, w);
  };
  var out = [];
  query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/u).forEach(function (chunk) {
    chunk.split(/(\p{Script=Han}+)/u).forEach(function (run) {
      if (!run) return;
      if (!/\p{Script=Han}/u.test(run) || has(run)) { out.push(run); return; }
      var i = 0, words = [];
      while (i < run.length) {
        var j = Math.min(run.length, i + 12);
        while (j > i + 1 && !has(run.slice(i, j))) j--;
        words.push(run.slice(i, j));
        i = j;
      }
      var kept = words.filter(function (w) { return w.length > 1; });
      (kept.length ? kept : [run]).forEach(function (w) { out.push(w); });
    });
  });
  return out;
}
(function () {
  // language_data.js runs after searchtools.js and before the index arrives (searchindex.js).
  if (typeof Search === "undefined" || !Search._parseQuery) return;
  var parse = Search._parseQuery;
  Search._parseQuery = function (query) {
    var parsed = parse(query);
    // Sphinx skips terms made only of digits: a hotline number is what a reader types.
    splitQuery(query.trim()).forEach(function (term) {
      if (/^\d{3,}$/.test(term)) { parsed[1].add(term); parsed[3].add(term); }
    });
    return parsed;
  };
  // Sphinx links a result relative to a search page at the site's root; this edition's search
  // page is in zh/, its pages in book/zh/: the links start from the content root.
  var root = document.documentElement.dataset.content_root || "";
  var results = document.getElementById("search-results");
  if (!root || root === "./" || !results) return;
  new MutationObserver(function () {
    results.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^([a-z]+:|\/|#|\.\.\/)/i.test(href)) a.setAttribute("href", root + href);
    });
  }).observe(results, {childList: true, subtree: true});
})();
"""


#: What readers in trouble type, kept whole in the index (jieba's own dictionary splits them:
#: 还不上 into 还 and 不上, so a search for it found two pages, not the page titled
#: 还不上了，可以协商吗). ``cut_for_search`` still indexes their shorter words too.
READER_WORDS = ("还不上", "还不起", "还不了", "协商还款", "延期还款", "停息挂账", "个性化分期",
                "暴力催收", "爆通讯录", "调解中心", "诉前调解", "上征信", "征信报告", "逾期费用",
                "提前还款", "综合年化", "年化利率", "砍头息", "担保人", "网贷")


class SearchChineseHandbook(SearchChinese):
    """Sphinx's Chinese search (jieba), with readers' words kept whole in the index and the
    query split into the index's words."""

    js_splitter_code = SPLITTER

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        import jieba

        for word in READER_WORDS:
            jieba.add_word(word)
