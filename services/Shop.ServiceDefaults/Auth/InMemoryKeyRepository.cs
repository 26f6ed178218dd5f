using System.Collections.Concurrent;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Shop.ServiceDefaults.Auth;

/// <summary>Data Protection's keys held in the process's memory, by choice rather than as a fallback.</summary>
internal sealed class InMemoryKeyRepository : IXmlRepository
{
    private readonly ConcurrentQueue<XElement> _keys = new();

    public IReadOnlyCollection<XElement> GetAllElements() => [.. _keys.Select(key => new XElement(key))];

    public void StoreElement(XElement element, string friendlyName) => _keys.Enqueue(new XElement(element));
}
