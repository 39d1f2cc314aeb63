/* The Chinese edition's search ranking (html_search_scorer in _config_zh.yml): Sphinx's weights,
   with the reference pages (glossary, sources, methodology, fact-checking, workshop guide) after
   the lessons. A reader who types 催收 or 征信 wants the lesson that answers, not the glossary
   line that defines the word, nor the bibliography entry that contains it. The short "what to
   do today" pages (today/) come first among pages that match as well: a reader who types
   还不上 or 协商还款 is in trouble now. */
/* What a reader asks, in her words, and the pages that answer it: a query that asks how much
   she owes (多少, 欠了, 一共...) puts the page that works it out, and its simulator, first among
   the pages that match; these words are in many pages, which answer other questions. */
var BH_INTENTS = [
  {asks: /多少|欠款|欠了|一共|总共|要还/,
   pages: [[/(^|\/)late-payment\/cost$/, 30], [/(^|\/)simulators\/late-payment$/, 20]]},
];
var BH_QUERY = (function () {
  try { return new URLSearchParams(location.search).get("q") || ""; } catch (e) { return ""; }
})();
var Scorer = {
  score: function (result) {
    var docname = result[0], score = result[4];
    // Below any lesson that has the word (a lesson scores 5 or more per word).
    if (/(^|\/)reference\//.test(docname)) return Math.min(score - 40, 4);
    BH_INTENTS.forEach(function (intent) {
      if (!intent.asks.test(BH_QUERY)) return;
      intent.pages.forEach(function (page) { if (page[0].test(docname)) score += page[1]; });
    });
    if (/(^|\/)today\//.test(docname)) return score + 3;
    return score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
