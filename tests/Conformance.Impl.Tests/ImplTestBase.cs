using System;
using System.Linq;
using Multiprocessing;
using NUnit.Framework;

namespace Conformance.Impl.Tests;

/// <summary>Every test has a time limit and fails if it leaves a child process alive.</summary>
[CancelAfter(30_000)]
public abstract class ImplTestBase
{
    [TearDown]
    public void NoChildLeftAlive()
    {
        var alive = Mp.ActiveChildren().ToList();
        foreach (var p in alive)
        {
            p.Kill();
            p.Join(5);
        }
        if (alive.Count > 0)
            Assert.Fail($"test left {alive.Count} child process(es) alive: {string.Join(", ", alive.Select(p => p.Name))}");
    }
}
