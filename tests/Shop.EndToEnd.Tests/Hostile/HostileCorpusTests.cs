using Shouldly;

namespace Shop.EndToEnd.Tests.Hostile;

/// <summary>The corpus is checked in as a seed: the same seed must give the same requests, byte for byte.</summary>
public sealed class HostileCorpusTests
{
    [Fact]
    public void A_seed_gives_the_same_corpus_every_time()
    {
        var first = new HostileCorpus(HostileInputTests.DefaultSeed, product: 7).Generate(300).Select(Fingerprint).ToList();
        var second = new HostileCorpus(HostileInputTests.DefaultSeed, product: 7).Generate(300).Select(Fingerprint).ToList();
        var other = new HostileCorpus(HostileInputTests.DefaultSeed + 1, product: 7).Generate(300).Select(Fingerprint).ToList();

        second.ShouldBe(first);
        other.ShouldNotBe(first);
    }

    [Fact]
    public void Every_family_appears_in_a_corpus_of_a_few_hundred()
    {
        var families = new HostileCorpus(HostileInputTests.DefaultSeed, product: 7).Generate(300).Select(r => r.Family).Distinct();

        families.ShouldBe(["invalid field", "invalid body", "content type", "idempotency key", "headers", "path", "query", "method"], ignoreOrder: true);
    }

    private static string Fingerprint(HostileRequest request) =>
        $"{request} {Convert.ToHexString(request.Body ?? [])} {string.Join(",", request.Headers ?? [])}";
}
