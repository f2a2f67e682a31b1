using RobotPolicy.Trainer.Domains;

namespace RobotPolicy.Tests.Domains;

public class DomainRegistryTests
{
    [Fact]
    public void Lists_the_five_domains()
    {
        Assert.Equal(["tigerdoor", "poisoned-doors", "point-mass", "point-mass-pixels", "color-maze", "cartpole", "mujoco-arm"], DomainRegistry.Names);
    }

    [Theory]
    [InlineData("tigerdoor")]
    [InlineData("poisoned-doors")]
    [InlineData("point-mass")]
    [InlineData("color-maze")]
    [InlineData("cartpole")]
    public void Creates_each_domain_by_name(string name)
    {
        var env = DomainRegistry.Create(name, 3);
        Assert.Equal(name, env.Name);
        Assert.Equal(3, env.NumEnvs);
    }

    [Fact]
    public void Names_are_matched_without_regard_to_case()
    {
        Assert.Equal("point-mass", DomainRegistry.Create("Point-Mass", 1).Name);
    }

    [Fact]
    public void An_unknown_name_is_an_error_that_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => DomainRegistry.Create("tiger-door", 4));
        Assert.Contains("Unknown domain 'tiger-door'", error.Message);
        Assert.All(DomainRegistry.Names, name => Assert.Contains(name, error.Message));
    }

    [Fact]
    public void A_batch_needs_at_least_one_copy()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DomainRegistry.Create("cartpole", 0));
    }
}
