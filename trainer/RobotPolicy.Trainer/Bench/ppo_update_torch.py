"""The PyTorch side of `robotpolicy bench train`: the same PPO update the C# trainer runs, timed.

Actor 48 -> 256 -> 256 -> 12 (tanh, tanh mean) with a learned log-std, critic 48 -> 256 -> 256 -> 1, Adam,
batch 4096 as 4 epochs x 4 minibatches of 1024: forward, clipped PPO loss, backward, grad-norm clip, step.
Prints JSON: the median seconds per update over the timed updates, and the torch configuration.
"""
import json
import os
import sys
import time

import torch
import torch.nn as nn

args = json.loads(sys.argv[1])
torch.set_num_threads(args["threads"])
torch.manual_seed(0)
obs_dim, act_dim, hidden = args["obs_dim"], args["act_dim"], args["hidden"]
batch, epochs, minibatches = args["batch"], args["epochs"], args["minibatches"]


def mlp(inp, out, tanh_out):
    layers, width = [], inp
    for h in hidden:
        layers += [nn.Linear(width, h), nn.Tanh()]
        width = h
    layers.append(nn.Linear(width, out))
    if tanh_out:
        layers.append(nn.Tanh())
    return nn.Sequential(*layers)


actor, critic = mlp(obs_dim, act_dim, True), mlp(obs_dim, 1, False)
log_std = nn.Parameter(torch.zeros(act_dim))
params = list(actor.parameters()) + list(critic.parameters()) + [log_std]
opt = torch.optim.Adam(params, lr=1e-3, eps=1e-5)

obs = torch.randn(batch, obs_dim)
actions = torch.randn(batch, act_dim) * 0.5
with torch.no_grad():
    old_logp = torch.distributions.Normal(actor(obs), log_std.exp()).log_prob(actions).sum(-1)
    old_values = critic(obs).squeeze(-1)
adv = torch.randn(batch)
returns = torch.randn(batch)
mb = batch // minibatches


def update():
    for _ in range(epochs):
        order = torch.randperm(batch)
        for start in range(0, batch, mb):
            i = order[start:start + mb]
            dist = torch.distributions.Normal(actor(obs[i]), log_std.exp())
            logp = dist.log_prob(actions[i]).sum(-1)
            entropy = dist.entropy().sum(-1)
            a = adv[i]
            a = (a - a.mean()) / (a.std() + 1e-8)
            ratio = torch.exp(logp - old_logp[i])
            policy = -torch.min(ratio * a, torch.clamp(ratio, 0.8, 1.2) * a).mean()
            v = critic(obs[i]).squeeze(-1)
            v_clipped = old_values[i] + torch.clamp(v - old_values[i], -0.2, 0.2)
            value = 0.5 * torch.max((v - returns[i]) ** 2, (v_clipped - returns[i]) ** 2).mean()
            loss = policy + 0.5 * value - 0.0 * entropy.mean()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 0.5)
            opt.step()


def loaded_blas():
    # Debian's torch is built against the generic BLAS interface; which implementation runs is whatever
    # libblas.so.3 the alternatives system points at. Report the library actually mapped into this process.
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line.lower() and line.strip().endswith(".so.3")
                or "openblas" in line.lower() and ".so" in line}
    return ", ".join(sorted(os.path.realpath(l) for l in libs)) or "no BLAS library mapped"


update()  # warm-up
times = []
for _ in range(args["updates"]):
    t0 = time.perf_counter()
    update()
    times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({
    "seconds_per_update": times[len(times) // 2],
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "blas": loaded_blas(),
}))
