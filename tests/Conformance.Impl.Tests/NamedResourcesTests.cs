using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Multiprocessing;
using NUnit.Framework;
using Lock = Multiprocessing.Lock;

namespace Conformance.Impl.Tests;

public class NamedResourcesTests : ImplTestBase
{
    [Test]
    public void Creating_and_unlinking_a_semaphore_is_observed_with_its_name_and_type()
    {
        // Other tests may create semaphores at the same time: keep only this thread's.
        var thread = Environment.CurrentManagedThreadId;
        var seen = new List<string>();
        void OnRegistered(string name, string type)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (seen) seen.Add($"register {type} {name}");
        }
        void OnUnregistered(string name, string type)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (seen) seen.Add($"unregister {type} {name}");
        }
        NamedResources.Registered += OnRegistered;
        NamedResources.Unregistered += OnUnregistered;
        string registered;
        try
        {
            var l = new Lock();
            Assert.That(seen, Has.Count.EqualTo(1).And.All.Match($@"^register semaphore /mp-{Environment.ProcessId}-[0-9a-f]{{8}}$"));
            registered = seen[0]["register semaphore ".Length..];
            Assert.That(File.Exists($"/dev/shm/sem.{registered[1..]}"), Is.True, "the observed name is the OS name");

            l.Acquire();
            l.Release();
            Assert.That(seen, Has.Count.EqualTo(1), "acquire and release are not observed");

            l.Dispose();
        }
        finally
        {
            NamedResources.Registered -= OnRegistered;
            NamedResources.Unregistered -= OnUnregistered;
        }
        Assert.That(seen, Is.EqualTo(new[] { $"register semaphore {registered}", $"unregister semaphore {registered}" }));
        Assert.That(File.Exists($"/dev/shm/sem.{registered[1..]}"), Is.False);
    }

    [Test]
    public void A_queue_reports_each_of_its_semaphores_and_nothing_per_item()
    {
        var thread = Environment.CurrentManagedThreadId;
        var names = new List<string>();
        void OnRegistered(string name, string type)
        {
            if (Environment.CurrentManagedThreadId == thread) lock (names) names.Add(name);
        }
        NamedResources.Registered += OnRegistered;
        try
        {
            var q = new Queue();
            var made = names.Count;
            for (var i = 0; i < 100; i++) q.Put(i);
            for (var i = 0; i < 100; i++) q.Get();
            Assert.That(made, Is.GreaterThanOrEqualTo(2), "a queue has a reader and a writer lock at least");
            Assert.That(names, Has.Count.EqualTo(made));
            Assert.That(names.All(n => File.Exists($"/dev/shm/sem.{n[1..]}")), Is.True);
            q.Close();
            q.JoinThread();
        }
        finally
        {
            NamedResources.Registered -= OnRegistered;
        }
    }
}
