using Shop.DeadLetters;
using Shouldly;

namespace Shop.DeadLetters.Tests;

public sealed class DeadLetterCommandTests
{
    [Fact]
    public void List_takes_a_peek_count_and_a_prefix() =>
        DeadLetterCommand.Parse(["list", "--peek", "7", "--prefix", "shop-dev"], out _)
            .ShouldBe(new DeadLetterCommand("list", null, 7, "shop-dev"));

    [Fact]
    public void Redrive_names_its_queue() =>
        DeadLetterCommand.Parse(["redrive", "catalog"], out _).ShouldBe(new DeadLetterCommand("redrive", "catalog", 3, null));

    [Theory]
    [InlineData(new[] { "redrive" }, "redrive needs the queue")]
    [InlineData(new[] { "purge" }, "Unknown command 'purge'")]
    [InlineData(new[] { "list", "--peek", "-1" }, "Unexpected argument '--peek'")]
    [InlineData(new[] { "list", "catalog" }, "Unexpected argument 'catalog'")]
    public void Bad_command_lines_say_what_is_wrong(string[] args, string error)
    {
        DeadLetterCommand.Parse(args, out var message).ShouldBeNull();
        message.ShouldContain(error);
    }

    [Fact]
    public void No_arguments_asks_for_usage()
    {
        DeadLetterCommand.Parse([], out var message).ShouldBeNull();
        message.ShouldBeEmpty();
    }

    [Fact]
    public void The_listing_shows_depth_and_each_message()
    {
        var text = DeadLetterCommand.Format([
            new DeadLetterReport("catalog", "shop-dev-catalog-dlq", 1, [new DeadLetter("m-1", "OrderPlaced", "e-1", 6, "{}")]),
        ]);

        text.ShouldBe("shop-dev-catalog-dlq: 1 message(s)\n  m-1 type=OrderPlaced id=e-1 receives=6 {}".ReplaceLineEndings());
    }
}
