"""教师控制台 ``crmlab-grade``：名单、收作业、自动评分、反馈、成绩表、班级报告。

The instructor console ``crmlab-grade`` for a course root (the folder that holds
``nbgrader_config.py``), built on nbgrader's own API:

- :mod:`.roster`:  import a class roster (Excel / CSV, UTF-8 or GBK) into the gradebook;
- :mod:`.names`:   recognise 学号 / 姓名 / late marks in the file names learning platforms make;
- :mod:`.collect`: copy a platform download (zip or folder) into ``submitted/<学号>/<lab>/``;
- :mod:`.grade`:   the parallel autograding engine (``autograde``, ``feedback``, ``grading_problems``);
- :mod:`.export`:  the grade workbook (成绩表.xlsx) a teacher hands in;
- :mod:`.report`:  the class report (score distribution, pass rates, common failure messages);
- :mod:`.cli`:     the ``crmlab-grade`` command itself.

Files the console keeps beside nbgrader's own, in ``<root>/.crmlab/``:
``roster.csv`` (学号, 姓名, 班级; UTF-8 with BOM so that Excel opens it) and
``late/<lab>.json`` (who handed in late, and why).
"""
