namespace Engraver.Simulator.Camera;

/// <summary>Normally distributed samples from a seeded <see cref="Random"/>, so a rendered frame is
/// the same for the same seed (OpenCV's own generator is process-global and cannot be seeded per frame).</summary>
internal static class SeededGaussian
{
    public static float[] Fill(Random random, int count, double sigma)
    {
        var samples = new float[count];
        for (var i = 0; i < count; i += 2)
        {
            // Box-Muller: two independent normal samples from two uniform ones.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2.0 * Math.Log(u1)) * sigma;
            samples[i] = (float)(radius * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < count)
            {
                samples[i + 1] = (float)(radius * Math.Sin(2 * Math.PI * u2));
            }
        }

        return samples;
    }
}
