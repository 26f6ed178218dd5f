namespace Shop.Deploy.Tests;

public sealed class LogRetentionTests
{
    [Theory]
    [MemberData(nameof(SynthesizedApp.Routes), MemberType = typeof(SynthesizedApp))]
    public void Every_log_group_has_a_retention_and_nothing_logs_to_a_group_the_stacks_do_not_define(DeploymentRoute route)
    {
        var cfn = SynthesizedApp.For(route).Cfn;

        cfn.OfType("AWS::Logs::LogGroup").ShouldAllBe(group => group.Properties["RetentionInDays"] != null);
        // A Lambda function without a log group of its own logs to one Lambda creates, which never expires.
        foreach (var function in cfn.OfType("AWS::Lambda::Function"))
        {
            cfn.Resolve(function.Stack, function.Properties["LoggingConfig"]?["LogGroup"]).ShouldNotBeNull($"{function} has no log group").Type.ShouldBe("AWS::Logs::LogGroup");
        }

        foreach (var project in cfn.OfType("AWS::CodeBuild::Project"))
        {
            cfn.Resolve(project.Stack, project.Properties["LogsConfig"]?["CloudWatchLogs"]?["GroupName"]).ShouldNotBeNull($"{project}").Type.ShouldBe("AWS::Logs::LogGroup");
        }
        foreach (var task in cfn.OfType("AWS::ECS::TaskDefinition"))
        {
            foreach (var container in task.Properties["ContainerDefinitions"]!.AsArray())
            {
                var logging = container!["LogConfiguration"]!;
                ((string)logging["LogDriver"]!).ShouldBe("awslogs");
                cfn.Resolve(task.Stack, logging["Options"]!["awslogs-group"]).ShouldNotBeNull().Type.ShouldBe("AWS::Logs::LogGroup");
            }
        }

        cfn.Resources.ShouldNotContain(resource => resource.Type == "Custom::LogRetention", "retention set by a custom resource is not visible here");
    }
}
