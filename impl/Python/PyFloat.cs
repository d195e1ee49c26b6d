using System;

namespace Multiprocessing.Python;

/// <summary>CPython's float floor division and modulo (float_divmod): the sign of the divisor, signed zeros, and the rounding correction.</summary>
public static class PyFloat
{
    /// <summary>Python <c>x // y</c> for floats.</summary>
    public static double FloorDiv(double x, double y)
    {
        if (y == 0)
            throw PyErrors.Create("ZeroDivisionError", "float floor division by zero");
        return DivMod(x, y).Div;
    }

    /// <summary>Python <c>x % y</c> for floats.</summary>
    public static double Mod(double x, double y)
    {
        if (y == 0)
            throw PyErrors.Create("ZeroDivisionError", "float modulo");
        var mod = x % y; // C# % on doubles is C's fmod (truncated, exact)
        if (mod != 0)
        {
            if ((y < 0) != (mod < 0))
                mod += y;
        }
        else
        {
            mod = Math.CopySign(0.0, y);
        }
        return mod;
    }

    private static (double Div, double Mod) DivMod(double vx, double wx)
    {
        var mod = vx % wx;
        var div = (vx - mod) / wx;
        if (mod != 0)
        {
            if ((wx < 0) != (mod < 0))
            {
                mod += wx;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, wx);
        }
        double floordiv;
        if (div != 0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5)
                floordiv += 1.0;
        }
        else
        {
            floordiv = Math.CopySign(0.0, vx / wx);
        }
        return (floordiv, mod);
    }
}
