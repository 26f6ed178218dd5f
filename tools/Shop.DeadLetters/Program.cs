using Amazon.SQS;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Shop.Messaging.Aws;

namespace Shop.DeadLetters;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (DeadLetterCommand.Parse(args, out var error) is not { } command)
        {
            Console.Error.WriteLine(error.Length > 0 ? error + Environment.NewLine + DeadLetterCommand.Usage : DeadLetterCommand.Usage);
            return error.Length > 0 ? 2 : 0;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var prefix = command.Prefix ?? configuration["Messaging:Prefix"];
        if (string.IsNullOrWhiteSpace(prefix))
        {
            Console.Error.WriteLine("Give the environment prefix with --prefix or Messaging__Prefix (e.g. shop-dev).");
            return 2;
        }

        try
        {
            using var sqs = new AmazonSQSClient(AwsSettings.FromConfiguration(configuration).CreateSqsConfig());
            var queues = new DeadLetterQueues(sqs, prefix);
            if (command.Verb == "list")
            {
                Console.WriteLine(DeadLetterCommand.Format(await queues.ListAsync(command.Peek, CancellationToken.None)));
            }
            else
            {
                var moved = await queues.RedriveAsync(command.Queue!, CancellationToken.None);
                Console.WriteLine($"Moved {moved} message(s) back to {prefix}-{command.Queue}.");
            }

            return 0;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or ArgumentException or AmazonSQSException)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
