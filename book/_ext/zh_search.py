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

import json

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
  if (!results) return;
  var relink = root && root !== "./";
  new MutationObserver(function () {
    if (relink) {
      results.querySelectorAll("a[href]:not(.bh-no-match-link)").forEach(function (a) {
        var href = a.getAttribute("href");
        if (!/^([a-z]+:|\/|#|\.\.\/)/i.test(href)) a.setAttribute("href", root + href);
      });
    }
    // Nothing found: Sphinx's words ("您的搜索没有匹配到文档……选择了合适的分类", about
    // categories this site has not got) give way to the handbook's, with the way to the page
    // for a reader in trouble today.
    var summary = results.querySelector(".search-summary");
    if (summary && !summary.dataset.bhChecked && !results.querySelector("ul.search li") &&
        /没有匹配|did not match/.test(summary.textContent)) {
      summary.dataset.bhChecked = "1";
      summary.textContent = NO_MATCH.said;
      var next = document.createElement("p");
      var link = document.createElement("a");
      link.className = "bh-no-match-link";
      link.href = root + NO_MATCH.href;
      link.textContent = NO_MATCH.link;
      next.append(link);
      summary.after(next);
    }
  }).observe(results, {childList: true, subtree: true, characterData: true});
})();
"""

#: What the Chinese search page says when it finds nothing (instead of Sphinx's words).
NO_MATCH = {"said": "没有找到含这些词的页面。可以换个说法再搜，比如“还不上”“催收”“冻结”“调解中心”。",
            "link": "或者先看：今天先做什么",
            # From the site's root, as Sphinx links this page's results (from its content root).
            "href": "book/zh/today/index.html"}


#: What readers in trouble type, kept whole in the index (jieba's own dictionary splits them:
#: 还不上 into 还 and 不上, so a search for it found two pages, not the page titled
#: 还不上了，可以协商吗). ``cut_for_search`` still indexes their shorter words too.
READER_WORDS = ("还不上", "还不起", "还不了", "协商还款", "延期还款", "停息挂账", "个性化分期",
                "暴力催收", "爆通讯录", "调解中心", "诉前调解", "上征信", "征信报告", "逾期费用",
                "提前还款", "综合年化", "年化利率", "砍头息", "担保人", "网贷")


class SearchChineseHandbook(SearchChinese):
    """Sphinx's Chinese search (jieba), with readers' words kept whole in the index and the
    query split into the index's words."""

    js_splitter_code = SPLITTER.replace(
        "function splitQuery(query) {",
        "var NO_MATCH = " + json.dumps(NO_MATCH, ensure_ascii=False) + ";\nfunction splitQuery(query) {", 1)

    def init(self, options: dict[str, str]) -> None:
        super().init(options)
        import jieba

        for word in READER_WORDS:
            jieba.add_word(word)
