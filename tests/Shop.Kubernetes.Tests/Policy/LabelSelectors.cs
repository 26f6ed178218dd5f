using k8s.Models;

namespace Shop.Kubernetes.Tests.Policy;

/// <summary>Label selector matching as the API server does it (matchLabels and matchExpressions, ANDed).</summary>
public static class LabelSelectors
{
    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || (selector.MatchLabels is null or { Count: 0 } && selector.MatchExpressions is null or { Count: 0 });

    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (selector is null)
        {
            return true;
        }

        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value)
            && (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
            {
                "In" => labels.TryGetValue(e.Key, out var value) && (e.Values ?? []).Contains(value),
                "NotIn" => !labels.TryGetValue(e.Key, out var value) || !(e.Values ?? []).Contains(value),
                "Exists" => labels.ContainsKey(e.Key),
                "DoesNotExist" => !labels.ContainsKey(e.Key),
                _ => false,
            });
    }

    /// <summary>A Service's selector: a plain map, matched like matchLabels.</summary>
    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        Matches(new V1LabelSelector { MatchLabels = selector }, labels);
}
