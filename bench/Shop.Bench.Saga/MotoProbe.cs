using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using HdrHistogram;

namespace Shop.Bench.Saga;

/// <summary>
/// How long the moto server takes to answer one cheap SQS call (GetQueueAttributes on ordering's queue) while the
/// saga runs: four calls a second, beside the services' own traffic.
/// </summary>
public sealed class MotoProbe(Uri moto, string queueName) : IDisposable
{
    private readonly AmazonSQSClient _sqs = new(
        new BasicAWSCredentials("test", "test"), new AmazonSQSConfig { ServiceURL = moto.ToString(), AuthenticationRegion = "us-east-1" });

    public async Task<HistogramBase> MeasureWhileAsync(Task running, CancellationToken cancellationToken)
    {
        var histogram = new LongHistogram(1, 60_000_000, 3);
        var url = (await _sqs.GetQueueUrlAsync(queueName, cancellationToken)).QueueUrl;
        while (!running.IsCompleted)
        {
            var started = Stopwatch.GetTimestamp();
            await _sqs.GetQueueAttributesAsync(url, ["ApproximateNumberOfMessages"], cancellationToken);
            histogram.RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));
            await Task.WhenAny(running, Task.Delay(250, cancellationToken));
        }

        return histogram;
    }

    public void Dispose() => _sqs.Dispose();
}
