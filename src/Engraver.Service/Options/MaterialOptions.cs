using System.ComponentModel.DataAnnotations;
using Engraver.Service.Station;
using Engraver.Simulator.Camera;

namespace Engraver.Service.Options;

/// <summary>Camera:Material: how the material answers a burn in the camera twin (Camera:Kind Simulated only);
/// see <see cref="MaterialResponse"/>. The defaults are the twin's stainless steel, on which the default recipe
/// burns a line one spot wide.</summary>
public sealed class MaterialOptions
{
    [Range(1.0, 100000.0)]
    public double ReferenceFeedMmPerMin { get; set; } = MaterialResponse.Default.ReferenceFeedMmPerMin;

    [Range(0.0001, 100.0)]
    public double ThresholdEnergy { get; set; } = MaterialResponse.Default.ThresholdEnergy;

    [Range(0.0001, 100.0)]
    public double NominalEnergy { get; set; } = MaterialResponse.Default.NominalEnergy;

    [Range(0.01, 100.0)]
    public double SaturationRate { get; set; } = MaterialResponse.Default.SaturationRate;

    [Range(0.0001, 1000.0)]
    public double? OverburnEnergy { get; set; } = MaterialResponse.Default.OverburnEnergy;

    [Range(0.0, 100.0)]
    public double SpreadRate { get; set; } = MaterialResponse.Default.SpreadRate;

    [Range(0.0, 1.0)]
    public double HaloDarkness { get; set; } = MaterialResponse.Default.HaloDarkness;

    /// <summary>The twin's material; throws naming the Camera:Material key when the values do not fit together.</summary>
    public MaterialResponse ToResponse()
    {
        var response = new MaterialResponse
        {
            ReferenceFeedMmPerMin = ReferenceFeedMmPerMin,
            ThresholdEnergy = ThresholdEnergy,
            NominalEnergy = NominalEnergy,
            SaturationRate = SaturationRate,
            OverburnEnergy = OverburnEnergy,
            SpreadRate = SpreadRate,
            HaloDarkness = HaloDarkness,
        };
        try
        {
            response.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new StationConfigurationException($"{CameraOptions.Section}:Material:{e.ParamName} = {e.ActualValue}: {e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0]}", e);
        }

        return response;
    }
}
