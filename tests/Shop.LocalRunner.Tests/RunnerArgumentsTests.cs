namespace Shop.LocalRunner.Tests;

public sealed class RunnerArgumentsTests
{
    [Fact]
    public void No_arguments_build_and_use_the_fixed_gateway_port()
    {
        RunnerArguments.Parse([], out _).ShouldBe(new RunnerArguments(Build: true, GatewayPort: 8080, "Debug", Echo: false));
    }

    [Fact]
    public void Options_override_the_defaults()
    {
        var arguments = RunnerArguments.Parse(["--no-build", "--gateway-port", "9090", "-c", "Release", "--echo"], out _);

        arguments.ShouldBe(new RunnerArguments(Build: false, GatewayPort: 9090, "Release", Echo: true));
    }

    [Theory]
    [InlineData("--gateway-port")]
    [InlineData("--gateway-port", "http")]
    [InlineData("--gateway-port", "70000")]
    [InlineData("-c", "Fast")]
    [InlineData("--frobnicate")]
    public void Invalid_arguments_are_reported(params string[] args)
    {
        RunnerArguments.Parse(args, out var error).ShouldBeNull();

        error.ShouldContain(args[0]);
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        RunnerArguments.Parse(["--help"], out var error).ShouldBeNull();

        error.ShouldBeEmpty();
    }
}
