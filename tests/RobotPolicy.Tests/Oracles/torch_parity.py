"""PyTorch oracle for the trainer engine's gradients.

Reads cases (JSON on stdin) that describe a computation as a list of nodes over named input tensors, replays each
in PyTorch (float64, independently of the C# engine), and prints the loss and the gradient of every input that
requires grad. The loss is sum(output * proj), so every output element matters.
"""
import json
import math
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def scale_grad(x, f):
    # Forward: x. Backward: f * grad.
    return x * f + (x * (1.0 - f)).detach()


def normal_log_prob(mean, log_std, a):
    return torch.distributions.Normal(mean, log_std.exp()).log_prob(a).sum(-1)


def normal_entropy(mean, log_std):
    return (torch.distributions.Normal(mean, log_std.exp()).entropy()).sum(-1)


def normal_kl(m1, ls1, m2, ls2):
    p = torch.distributions.Normal(m1, ls1.exp())
    q = torch.distributions.Normal(m2, ls2.exp())
    return torch.distributions.kl_divergence(p, q).sum(-1)


def ppo(a, logp, old_logp, adv, ent, v, old_v, ret):
    ratio = torch.exp(logp - old_logp)
    surr = torch.min(ratio * adv, torch.clamp(ratio, 1 - a["clip"], 1 + a["clip"]) * adv)
    policy = -surr.mean()
    if a.get("vclip") is not None:
        v_clipped = old_v + torch.clamp(v - old_v, -a["vclip"], a["vclip"])
        value = 0.5 * torch.max((v - ret) ** 2, (v_clipped - ret) ** 2).mean()
    else:
        value = 0.5 * ((v - ret) ** 2).mean()
    return policy + a["vcoef"] * value - a["ecoef"] * ent.mean()


def info_nce(x, y, tau, symmetric):
    x = F.normalize(x, dim=-1)
    y = F.normalize(y, dim=-1)
    logits = x @ y.T / tau
    labels = torch.arange(x.shape[0])
    loss = F.cross_entropy(logits, labels)
    if symmetric:
        loss = 0.5 * (loss + F.cross_entropy(logits.T, labels))
    return loss


def apply(op, a, x):
    if op == "add": return x[0] + x[1]
    if op == "sub": return x[0] - x[1]
    if op == "mul": return x[0] * x[1]
    if op == "div": return x[0] / x[1]
    if op == "maximum": return torch.maximum(x[0], x[1])
    if op == "minimum": return torch.minimum(x[0], x[1])
    if op == "add_scalar": return x[0] + a["s"]
    if op == "mul_scalar": return x[0] * a["s"]
    if op == "pow": return x[0] ** a["p"]
    if op == "square": return x[0] ** 2
    if op == "exp": return torch.exp(x[0])
    if op == "log": return torch.log(x[0])
    if op == "sqrt": return torch.sqrt(x[0])
    if op == "abs": return torch.abs(x[0])
    if op == "neg": return -x[0]
    if op == "tanh": return torch.tanh(x[0])
    if op == "sigmoid": return torch.sigmoid(x[0])
    if op == "relu": return torch.relu(x[0])
    if op == "elu": return F.elu(x[0], alpha=a["alpha"])
    if op == "silu": return F.silu(x[0])
    if op == "clamp": return torch.clamp(x[0], a["lo"], a["hi"])
    if op == "sum": return x[0].sum()
    if op == "mean": return x[0].mean()
    if op == "sum_dim": return x[0].sum(a["dim"], keepdim=a["keepdim"])
    if op == "mean_dim": return x[0].mean(a["dim"], keepdim=a["keepdim"])
    if op == "max_dim": return x[0].max(a["dim"], keepdim=a["keepdim"]).values
    if op == "min_dim": return x[0].min(a["dim"], keepdim=a["keepdim"]).values
    if op == "softmax": return torch.softmax(x[0], -1)
    if op == "log_softmax": return torch.log_softmax(x[0], -1)
    if op == "normalize": return F.normalize(x[0], dim=-1)
    if op == "layer_norm": return F.layer_norm(x[0], (x[0].shape[-1],), x[1], x[2], eps=1e-5)
    if op == "matmul": return x[0] @ x[1]
    if op == "linear": return F.linear(x[0], x[1], x[2])
    if op == "t": return x[0].T
    if op == "narrow": return x[0].narrow(a["dim"], a["start"], a["length"])
    if op == "cat": return torch.cat(x, a["dim"])
    if op == "gather": return x[0].gather(1, torch.tensor(a["index"]).reshape(x[0].shape[0], -1))
    if op == "reshape": return x[0].reshape(a["shape"])
    if op == "scale_grad": return scale_grad(x[0], a["factor"])
    if op == "mse": return F.mse_loss(x[0], x[1])
    if op == "huber": return F.huber_loss(x[0], x[1], delta=a["delta"])
    if op == "cross_entropy": return F.cross_entropy(x[0], torch.tensor(a["targets"]))
    if op == "info_nce": return info_nce(x[0], x[1], a["tau"], a["symmetric"])
    if op == "cat_logprob": return torch.log_softmax(x[0], -1).gather(1, torch.tensor(a["actions"]).reshape(-1, 1)).reshape(-1)
    if op == "cat_entropy": return torch.distributions.Categorical(logits=x[0]).entropy()
    if op == "cat_kl": return torch.distributions.kl_divergence(torch.distributions.Categorical(logits=x[0]), torch.distributions.Categorical(logits=x[1]))
    if op == "normal_logprob": return normal_log_prob(x[0], x[1], x[2])
    if op == "normal_entropy": return normal_entropy(x[0], x[1])
    if op == "normal_kl": return normal_kl(x[0], x[1], x[2], x[3])
    if op == "ppo": return ppo(a, *x)
    raise ValueError("unknown op " + op)


def run(case):
    env = {}
    for name, t in case["tensors"].items():
        env[name] = torch.tensor(t["data"], dtype=torch.float64).reshape(t["shape"]).requires_grad_(t["grad"])
    for node in case["nodes"]:
        env[node["out"]] = apply(node["op"], node.get("attrs", {}), [env[i] for i in node["in"]])
    out = env[case["output"]]
    proj = env["proj"]
    loss = (out * proj.reshape(out.shape)).sum()
    loss.backward()
    # An input the output does not depend on has no .grad in PyTorch; its gradient is zero.
    grads = {n: (env[n].grad if env[n].grad is not None else torch.zeros_like(env[n])).reshape(-1).tolist()
             for n, t in case["tensors"].items() if t["grad"]}
    return {"loss": loss.item(), "grads": grads}


cases = json.load(sys.stdin)
print(json.dumps({c["name"]: run(c) for c in cases}))
