using System.Diagnostics;
using Shop.LocalServers;

namespace Shop.Deploy.Tests;

/// <summary>
/// cfn-lint over every synthesized template, both routes, with deploy/.cfnlintrc (which lists the warnings ignored
/// and why). cfn-lint validates CloudFormation's resource schemas, so it also checks the ECS blue/green properties
/// that CDK 2.160 does not know and the app sets as overrides.
/// </summary>
public sealed class CfnLintTests
{
    [Theory]
    [InlineData(DeploymentRoute.Ecs)]
    [InlineData(DeploymentRoute.CodeDeploy)]
    public async Task Every_synthesized_template_passes_cfn_lint(DeploymentRoute route)
    {
        var app = SynthesizedApp.For(route);
        var start = new ProcessStartInfo("cfn-lint")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--config-file", Path.Combine(RepositoryRoot.Find(), "deploy", ".cfnlintrc"), "--", .. app.TemplateFiles])
        {
            start.ArgumentList.Add(argument);
        }

        using var lint = Start(start);
        var output = lint.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = lint.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await lint.WaitForExitAsync(TestContext.Current.CancellationToken);

        lint.ExitCode.ShouldBe(0, $"cfn-lint on {app.TemplateFiles.Count()} templates:\n{await output}\n{await errors}");
    }

    private static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("cfn-lint is not on PATH: pip install cfn-lint (the README's \"Deploy to AWS\" section).", e);
        }
    }
}
