import Testing
@testable import GuanxiExtraction

@Suite("ScalarTrie")
struct ScalarTrieTests {
    /// Words that are prefixes of one another, inserted longest first or shortest
    /// first, are all found: a word ending at a node made earlier for a longer word is
    /// marked on the edge that leads there (walks read it from there).
    @Test func prefixWordsAreFoundWhicheverComesFirst() {
        let words = ["黄岩", "黄岩区", "黄岩区南城", "岩区"]
        for order in [words, words.reversed()] {
            var trie = ScalarTrie<Int>()
            for w in order { trie.insert(w, value: words.firstIndex(of: w) ?? -1) }
            let text = Array("台州黄岩区南城街道".unicodeScalars)
            var found: [(Int, [Int])] = []
            trie.forEachMatch(in: text, from: 2) { length, values in found.append((length, Array(values))) }
            #expect(found.map(\.0) == [2, 3, 5], "\(order)")
            #expect(found.map(\.1) == [[0], [1], [2]], "\(order)")
            #expect(trie.longestMatch(in: text, from: 2)?.length == 5)
            #expect(trie.longestMatch(in: text, from: 3).map { Array($0.values) } == [3])
            #expect(trie.contains(Array("黄岩区".unicodeScalars)) && !trie.contains(Array("黄".unicodeScalars)))
            #expect(Array(trie.values(for: Array("黄岩区南城".unicodeScalars))) == [2])
        }
    }

    /// A trie of reversed words finds every word ending at a position.
    @Test func backwardMatchesEndAtThePosition() {
        var trie = ScalarTrie<Int>()
        for (i, w) in ["委员会", "村委员会", "员会"].enumerated() { trie.insert(String(w.reversed()), value: i) }
        let text = Array("东浦村委员会".unicodeScalars)
        var lengths: [Int] = []
        trie.forEachMatchBackward(in: text, endingAt: text.count) { length, _ in lengths.append(length) }
        #expect(lengths == [2, 3, 4])
    }
}
