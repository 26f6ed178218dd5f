using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace Shop.Deploy.Observability;

/// <summary>What a service's requests look like in CloudWatch: from the load balancer (gateway) or Service Connect.</summary>
public sealed record RequestMetrics(Metric Requests, Metric[] ServerErrors, Metric P99, double P99Threshold);

/// <summary>
/// A service's alarms: server errors above 5% of requests, p99 latency above one second, any message in its
/// dead-letter queue, its oldest message older than five minutes. All of them roll a deployment back
/// (<see cref="All"/>) and mail the alerts topic.
/// </summary>
public sealed class ServiceAlarms : Construct
{
    public const double ServerErrorPercent = 5;

    public const int OldestMessageSeconds = 300;

    public IReadOnlyList<Alarm> All { get; }

    public ServiceAlarms(Construct scope, string id, string namePrefix, RequestMetrics requests, Queue? queue, Queue? deadLetters, ITopic alerts)
        : base(scope, id)
    {
        var errors = requests.ServerErrors.Select((metric, index) => (Id: $"e{index}", Metric: metric)).ToArray();
        var errorSum = string.Join(" + ", errors.Select(e => $"FILL({e.Id}, 0)"));
        var usingMetrics = errors.ToDictionary(e => e.Id, IMetric (e) => e.Metric);
        usingMetrics["requests"] = requests.Requests;

        var alarms = new List<Alarm>
        {
            new MathExpression(new MathExpressionProps
            {
                Expression = $"IF(FILL(requests, 0) > 0, 100 * ({errorSum}) / requests, 0)",
                UsingMetrics = usingMetrics,
                Period = ShopMetrics.Period,
                Label = "5xx %",
            }).CreateAlarm(this, "ServerErrors", AlarmProps($"{namePrefix}-5xx", ServerErrorPercent, 3, 2, "More than 5% of requests answered 5xx")),
            requests.P99.CreateAlarm(this, "Latency", AlarmProps($"{namePrefix}-p99", requests.P99Threshold, 3, 3, "p99 latency above one second")),
        };

        if (deadLetters is not null)
        {
            alarms.Add(ShopMetrics.Queue("ApproximateNumberOfMessagesVisible", "Maximum", deadLetters)
                .CreateAlarm(this, "DeadLetters", AlarmProps($"{namePrefix}-dead-letters", 1, 1, 1, "A message is in the dead-letter queue", ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)));
        }

        if (queue is not null)
        {
            alarms.Add(ShopMetrics.Queue("ApproximateAgeOfOldestMessage", "Maximum", queue)
                .CreateAlarm(this, "OldestMessage", AlarmProps($"{namePrefix}-oldest-message", OldestMessageSeconds, 5, 5, "The queue's oldest message waits more than five minutes")));
        }

        var action = new SnsAction(alerts);
        foreach (var alarm in alarms)
        {
            alarm.AddAlarmAction(action);
            alarm.AddOkAction(action);
        }

        All = alarms;
    }

    private static CreateAlarmOptions AlarmProps(
        string name, double threshold, int periods, int datapoints, string description,
        ComparisonOperator comparison = ComparisonOperator.GREATER_THAN_THRESHOLD) => new()
        {
            AlarmName = name,
            AlarmDescription = description,
            Threshold = threshold,
            EvaluationPeriods = periods,
            DatapointsToAlarm = datapoints,
            ComparisonOperator = comparison,
            TreatMissingData = TreatMissingData.NOT_BREACHING,
        };
}
